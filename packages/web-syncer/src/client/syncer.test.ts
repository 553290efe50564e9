import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../protocol/close-codes.js';
import { SyncerSubscriptionError } from '../errors/syncer-subscription-error.js';
import { SyncerOptionsError } from '../errors/syncer-options-error.js';
import { ProtocolError } from '../errors/protocol-error.js';
import {
  eventsFrame,
  scriptedServer,
  type ScriptedConnection,
  type ScriptedServer,
} from '../__fixtures__/scripted-server.js';
import { settle, waitFor } from '../__fixtures__/server-harness.js';
import { Syncer } from './syncer.js';
import { SyncerConnection } from './syncer-connection.js';

let server: ScriptedServer;
const syncers: Syncer[] = [];
beforeEach(async () => {
  server = await scriptedServer();
});
afterEach(async () => {
  for (const syncer of syncers.splice(0)) syncer.close();
  await server.close();
});

function syncer(options: ConstructorParameters<typeof Syncer>[0] = {}): Syncer {
  const made = new Syncer({
    url: server.url,
    reconnect: { initialDelayMs: 10, maxDelayMs: 50, jitterMs: 5 },
    ...options,
  });
  syncers.push(made);
  return made;
}

/** The error `fn` throws (fails when it throws nothing). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

async function acknowledged(connection: ScriptedConnection, cursor = '10'): Promise<void> {
  await waitFor(() => connection.frames.length > 0, 'subscribe');
  const last = connection.frames.at(-1);
  const channels = last?.type === 'subscribe' ? last.channels : [];
  connection.send({ type: 'subscribed', channels, denied: [], cursor });
}

describe('subscribe (the original surface, without its defects)', () => {
  it('refuses a callback that is not a function, with the original message', () => {
    const sync = syncer();
    expect(() => sync.subscribe('db:project.task', 'nope' as never)).toThrow(
      SyncerSubscriptionError,
    );
    expect(() => sync.subscribe('db:project.task', 'nope' as never)).toThrow(
      'Syncer subscription needs to have callback of type function',
    );
    expect(thrown(() => sync.subscribe('no-colon', () => undefined))).toMatchObject({
      problem: 'channel',
    });
    sync.close();
    expect(thrown(() => sync.subscribe('db:project.task', () => undefined))).toMatchObject({
      problem: 'closed',
    });
  });

  it('calls every subscriber of a channel in order, with thisArg; unsubscribe removes only its own, twice is harmless', async () => {
    const sync = syncer();
    const calls: string[] = [];
    const owner = { name: 'widget' };
    const first = sync.subscribe(
      'db:project.task',
      function (this: typeof owner, n) {
        calls.push(`${this.name}:${String(n[0][2])}`);
      },
      owner,
    );
    const second = sync.subscribe('db:project.task', (n) =>
      calls.push(`second:${String(n[0][2])}`),
    );
    const third = sync.subscribe('db:project.task', (n) => calls.push(`third:${String(n[0][2])}`));
    const connection = await server.connection(0);
    await acknowledged(connection);
    connection.send(eventsFrame([['11:1', 'db:project.task', 7]]));
    await waitFor(() => calls.length === 3, 'three calls');
    expect(calls).toEqual(['widget:7', 'second:7', 'third:7']);
    second.unsubscribe();
    second.unsubscribe();
    expect(second.closed).toBe(true);
    connection.send(eventsFrame([['12:1', 'db:project.task', 8]]));
    await waitFor(() => calls.length === 5, 'two more');
    expect(calls.slice(3)).toEqual(['widget:8', 'third:8']);
    first.unsubscribe();
    third.unsubscribe();
    await waitFor(() => connection.frames.length >= 2, 'release');
    expect(connection.frames.at(-1)).toMatchObject({ type: 'subscribe', channels: [] });
  });

  it('several Syncers work: on their own connections, and sharing one', async () => {
    const a = syncer();
    const b = syncer();
    const got: string[] = [];
    a.subscribe('db:x.a', () => got.push('a'));
    b.subscribe('db:x.b', () => got.push('b'));
    const [ca, cb] = [await server.connection(0), await server.connection(1)];
    await acknowledged(ca);
    await acknowledged(cb);
    ca.send(eventsFrame([['11:1', 'db:x.a', 1]]));
    cb.send(eventsFrame([['11:1', 'db:x.b', 1]]));
    await waitFor(() => got.length === 2, 'both');
    const shared = new SyncerConnection({ url: server.url });
    const c = syncer({ connection: shared });
    const d = syncer({ connection: shared });
    c.subscribe('db:x.c', () => got.push('c'));
    d.subscribe('db:x.c', () => got.push('d'));
    const cc = await server.connection(2);
    await acknowledged(cc);
    cc.send(eventsFrame([['11:1', 'db:x.c', 1]]));
    await waitFor(() => got.length === 4, 'shared');
    expect(got.slice(2)).toEqual(['c', 'd']);
    c.close(); // d keeps the shared connection
    cc.send(eventsFrame([['12:1', 'db:x.c', 2]]));
    await waitFor(() => got.length === 5, 'after close');
    expect(got[4]).toBe('d');
    expect(server.connections).toHaveLength(3);
    shared.close();
  });

  it('ignores events at or before the cursor, and a throwing callback does not stop the others', async () => {
    const sync = syncer();
    const ids: number[] = [];
    const errors: unknown[] = [];
    sync.on('error', ({ error }) => errors.push(error));
    sync.subscribe('db:m.m', () => {
      throw new Error('boom');
    });
    sync.subscribe('db:m.m', (n) => ids.push(Number(n[0][2])));
    const connection = await server.connection(0);
    await acknowledged(connection, '10');
    connection.send(
      eventsFrame([
        ['9:5', 'db:m.m', 1],
        ['10', 'db:m.m', 2],
        ['11:3', 'db:m.m', 3],
        ['11:3', 'db:m.m', 4],
        ['11:4', 'db:m.m', 5],
      ]),
    );
    await waitFor(() => ids.length === 2, 'two');
    await settle(50);
    expect(ids).toEqual([3, 5]);
    expect(errors).toHaveLength(2);
    expect(sync.cursor).toBe('11:4');
  });
});

describe('connection events, reconnection and resume', () => {
  it('reconnects with backoff after a drop and resumes from the last cursor', async () => {
    const sync = syncer();
    const events: string[] = [];
    sync.on('connect', () => events.push('connect'));
    sync.on('disconnect', ({ code, willReconnect }) =>
      events.push(`disconnect:${code}:${String(willReconnect)}`),
    );
    sync.on('reconnect', ({ attempts }) => events.push(`reconnect:${attempts}`));
    sync.subscribe('db:m.m', () => undefined);
    const first = await server.connection(0);
    await acknowledged(first, '20');
    first.send(eventsFrame([['21:7', 'db:m.m', 1]]));
    await waitFor(() => sync.cursor === '21:7', 'cursor');
    first.close(CLOSE_CODES.tryAgainLater, 'slow');
    const second = await server.connection(1);
    await waitFor(() => second.frames.length === 1, 'resubscribe');
    expect(second.frames[0]).toEqual({ type: 'subscribe', channels: ['db:m.m'], cursor: '21:7' });
    await acknowledged(second, '21');
    await waitFor(() => events.length === 3, 'events');
    expect(events).toEqual(['connect', 'disconnect:1013:true', 'reconnect:1']);
  });

  it('reconnects at once after 4002, and not at all after 4001 until reconnect()', async () => {
    const sync = syncer({ reconnect: { initialDelayMs: 5000 } });
    sync.subscribe('db:m.m', () => undefined);
    const first = await server.connection(0);
    await acknowledged(first);
    first.close(CLOSE_CODES.keepAliveRecycle, 'recycle');
    const second = await server.connection(1); // no 0–5 s wait
    await acknowledged(second);
    second.close(CLOSE_CODES.sessionExpired, 'expired');
    await waitFor(() => !sync.connected, 'closed');
    await settle(100);
    expect(server.connections).toHaveLength(2);
    sync.connection.reconnect();
    await server.connection(2);
    expect(server.connections).toHaveLength(3);
  });

  it('pings when idle and reconnects when the ping is not answered', async () => {
    const sync = syncer({ heartbeatMs: 40, heartbeatTimeoutMs: 60 });
    sync.subscribe('db:m.m', () => undefined);
    const first = await server.connection(0);
    await acknowledged(first);
    await waitFor(() => first.frames.some((f) => f.type === 'ping'), 'ping');
    await server.connection(1);
    expect(server.connections).toHaveLength(2);
  });

  it('emits resync (and moves the cursor), denied, and error frames as events', async () => {
    const sync = syncer();
    const seen: string[] = [];
    sync.on('resync', ({ channels, reason }) => seen.push(`resync:${channels.join()}:${reason}`));
    sync.on('denied', ({ channels }) => seen.push(`denied:${channels.map((c) => c.code).join()}`));
    sync.on('error', ({ error }) =>
      seen.push(
        `error:${ProtocolError.isInstance(error) && error instanceof ProtocolError ? error.code : '?'}`,
      ),
    );
    sync.subscribe('db:m.m', () => undefined);
    const connection = await server.connection(0);
    await waitFor(() => connection.frames.length === 1, 'subscribe');
    connection.send({
      type: 'resync',
      channels: ['db:m.m'],
      reason: 'cursor_expired',
      cursor: '50',
    });
    connection.send({
      type: 'subscribed',
      channels: [],
      denied: [{ channel: 'db:m.m', code: 'forbidden' }],
      cursor: '50',
    });
    connection.send({ type: 'error', code: 'rate_limited', message: 'slow down' });
    connection.send('garbage');
    await waitFor(() => seen.length === 4, 'four');
    expect(seen).toEqual([
      'resync:db:m.m:cursor_expired',
      'denied:forbidden',
      'error:rate_limited',
      'error:bad_frame',
    ]);
    expect(sync.cursor).toBe('50');
  });

  it('checks its options', () => {
    expect(() => new Syncer({ url: server.url, cursor: 'x' })).toThrow(SyncerOptionsError);
    expect(thrown(() => new Syncer())).toMatchObject({ option: 'url' });
    expect(thrown(() => new Syncer({ url: server.url, WebSocket: 42 as never }))).toMatchObject({
      option: 'WebSocket',
    });
  });
});
