import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../protocol/close-codes.js';
import { rawClient } from '../__fixtures__/raw-client.js';
import { record } from '../__fixtures__/event-recorder.js';
import { projectDatabase, type ProjectDatabase } from '../__fixtures__/project-database.js';
import {
  settle,
  startServer,
  waitFor,
  type RunningServer,
} from '../__fixtures__/server-harness.js';

let app: ProjectDatabase;
let server: RunningServer;
let tasks: string;
beforeAll(async () => {
  app = await projectDatabase();
  server = await startServer(app, {
    limits: {
      maxFrameBytes: 4096,
      maxChannels: 5,
      rateBurst: 5,
      ratePerSecond: 1,
      maxRefusedFrames: 10,
      maxProtocolErrors: 4,
    },
  });
  tasks = `${app.name}:project.task`;
});
afterAll(async () => {
  await server?.close();
  await app?.drop();
});

describe('authentication and authorization', () => {
  it('refuses the upgrade with 401 when authenticate returns nothing', async () => {
    await expect(rawClient(`${server.url}?user=nobody`)).rejects.toThrow('HTTP 401');
  });

  it('denies unknown channels and channels the session may not read, and serves the rest', async () => {
    const client = await rawClient(`${server.url}?models=project.task`);
    client.send({
      type: 'subscribe',
      channels: [
        tasks,
        `${app.name}:project.project`,
        `${app.name}:res.partner`,
        'otherdb:project.task',
        'garbage',
      ],
    });
    await waitFor(() => client.frames.length === 1, 'subscribed');
    expect(client.frames[0]).toEqual({
      type: 'subscribed',
      channels: [tasks],
      denied: [
        { channel: `${app.name}:project.project`, code: 'forbidden' },
        { channel: `${app.name}:res.partner`, code: 'unknown_channel' },
        { channel: 'otherdb:project.task', code: 'unknown_channel' },
        { channel: 'garbage', code: 'unknown_channel' },
      ],
      cursor: expect.any(String) as string,
    });
    await app.env.model('project.project').create({ name: 'secret project' });
    await app.env.model('project.task').create({ name: 'visible task' });
    await waitFor(() => client.frames.length === 2, 'events');
    await settle();
    expect(client.frames.slice(1)).toEqual([
      { type: 'events', events: [expect.objectContaining({ channel: tasks })] },
    ]);
    client.close();
  });

  it('denies everything by default (no authorize option)', async () => {
    const strict = await startServer(app, { authorize: undefined });
    try {
      const client = await rawClient(strict.url);
      client.send({ type: 'subscribe', channels: [tasks] });
      await waitFor(() => client.frames.length === 1, 'subscribed');
      expect(client.frames[0]).toMatchObject({
        type: 'subscribed',
        channels: [],
        denied: [{ channel: tasks, code: 'forbidden' }],
      });
      client.close();
    } finally {
      await strict.close();
    }
  });
});

describe('bad input gets a typed error frame or close code, and everyone else is still served', () => {
  it('answers malformed frames with error frames, then closes 1008 after too many', async () => {
    const bystander = await record(server.url, [tasks]);
    const client = await rawClient(server.url);
    client.send('not json');
    client.send('[1,2]');
    client.send({ type: 'dance' });
    await waitFor(() => client.frames.length === 3, 'three errors');
    expect(client.frames.map((f) => (f.type === 'error' ? f.code : f.type))).toEqual([
      'bad_frame',
      'bad_frame',
      'unknown_type',
    ]);
    client.send({ type: 'subscribe', channels: [tasks], cursor: 'nope' });
    await waitFor(() => client.closed.code !== undefined, 'close');
    expect(client.frames.at(-1)).toMatchObject({ type: 'error', code: 'bad_cursor' });
    expect(client.closed.code).toBe(CLOSE_CODES.policyViolation);
    await app.env.model('project.task').create({ name: 'still served' });
    await waitFor(() => bystander.labels().includes('create:still served'), 'bystander');
    bystander.close();
  });

  it('refuses more channels than allowed as a whole', async () => {
    const client = await rawClient(server.url);
    client.send({ type: 'subscribe', channels: ['a:b', 'c:d', 'e:f', 'g:h', 'i:j', 'k:l'] });
    await waitFor(() => client.frames.length === 1, 'error');
    expect(client.frames[0]).toMatchObject({ type: 'error', code: 'too_many_channels' });
    client.close();
  });

  it('closes with 1009 on a frame above maxFrameBytes', async () => {
    const client = await rawClient(server.url);
    client.send({ type: 'subscribe', channels: ['x'.repeat(5000)] });
    await waitFor(() => client.closed.code !== undefined, 'close');
    expect(client.closed.code).toBe(CLOSE_CODES.messageTooBig);
  });

  it('drops a flood with one rate_limited error, then closes it with 1008', async () => {
    const client = await rawClient(server.url);
    for (let i = 0; i < 30; i++) client.send({ type: 'ping' });
    await waitFor(() => client.closed.code !== undefined, 'close');
    expect(client.frames.filter((f) => f.type === 'pong')).toHaveLength(5);
    expect(client.frames.filter((f) => f.type === 'error')).toEqual([
      expect.objectContaining({ code: 'rate_limited' }),
    ]);
    expect(client.closed.code).toBe(CLOSE_CODES.policyViolation);
  });

  it('treats binary frames as bad frames', async () => {
    const client = await rawClient(server.url);
    client.socket.send(Buffer.from('{"type":"ping"}'), { binary: true });
    await waitFor(() => client.frames.length === 1, 'error');
    expect(client.frames[0]).toMatchObject({ type: 'error', code: 'bad_frame' });
    client.close();
  });
});

describe('payload cap, hooks, sessions and heartbeats', () => {
  it('sends events above maxEventBytes with data {} and truncated: true', async () => {
    const capped = await startServer(app, { limits: { maxEventBytes: 700 } });
    try {
      const recorder = await record(capped.url, [tasks]);
      await app.env.model('project.task').create({ name: 'x'.repeat(800) });
      await app.env.model('project.task').create({ name: 'short' });
      await waitFor(() => recorder.received.length === 2, 'two');
      const [big, small] = recorder.received.map((r) => r.notification[1]);
      expect(big).toMatchObject({ method: 'create', data: {}, truncated: true });
      expect(small?.data['name']).toBe('short');
      expect(small).not.toHaveProperty('truncated');
      recorder.close();
    } finally {
      await capped.close();
    }
  });

  it('applies filterEvent and project per session', async () => {
    const hooked = await startServer(app, {
      filterEvent: (session, event) =>
        session.user !== 'alice' || !String(event.message[1].data['name']).startsWith('hidden'),
      project: (session, event) =>
        session.user === 'alice'
          ? [
              event.message[0],
              { ...event.message[1], data: { name: event.message[1].data['name'] } },
            ]
          : event.message,
    });
    try {
      const alice = await record(`${hooked.url}?user=alice`, [tasks]);
      const bob = await record(`${hooked.url}?user=bob`, [tasks]);
      await app.env.model('project.task').create({ name: 'hidden one', stage: 's' });
      await app.env.model('project.task').create({ name: 'public one', stage: 's' });
      await waitFor(() => bob.received.length === 2 && alice.received.length === 1, 'both');
      expect(alice.received.map((r) => r.notification[1].data)).toEqual([{ name: 'public one' }]);
      expect(bob.received[1]?.notification[1].data).toMatchObject({
        name: 'public one',
        stage: 's',
      });
      alice.close();
      bob.close();
    } finally {
      await hooked.close();
    }
  });

  it('closes with 4001 when the session is no longer valid, and the client does not reconnect', async () => {
    let valid = true;
    const checked = await startServer(app, {
      validateSession: () => valid,
      sessionCheckIntervalMs: 50,
    });
    try {
      const recorder = await record(checked.url, [tasks]);
      const disconnects: { code: number; willReconnect: boolean }[] = [];
      recorder.syncer.on('disconnect', ({ code, willReconnect }) =>
        disconnects.push({ code, willReconnect }),
      );
      valid = false;
      await waitFor(() => disconnects.length === 1, '4001');
      await settle(200);
      expect(disconnects).toEqual([{ code: CLOSE_CODES.sessionExpired, willReconnect: false }]);
      expect(checked.syncer.stats().connections).toBe(0);
      recorder.close();
    } finally {
      await checked.close();
    }
  });

  it('terminates a connection that does not answer pings', async () => {
    const beating = await startServer(app, { heartbeatIntervalMs: 50, heartbeatTimeoutMs: 100 });
    try {
      const silent = await rawClient(beating.url, { autoPong: false });
      const polite = await rawClient(beating.url);
      await waitFor(() => silent.closed.code !== undefined, 'terminated');
      expect(silent.closed.code).toBe(1006);
      await settle(300);
      expect(polite.closed.code).toBeUndefined();
      polite.close();
    } finally {
      await beating.close();
    }
  });
});
