import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Syncer } from '../client/syncer.js';
import { record } from '../__fixtures__/event-recorder.js';
import { projectDatabase, type ProjectDatabase } from '../__fixtures__/project-database.js';
import { settle, startServer, waitFor } from '../__fixtures__/server-harness.js';

let app: ProjectDatabase;
let tasks: string;
beforeAll(async () => {
  app = await projectDatabase();
  tasks = `${app.name}:project.task`;
});
afterAll(async () => {
  await app?.drop();
});

const create = (name: string) => app.env.model('project.task').create({ name });

describe('catch-up from a cursor', () => {
  it('a client reconnecting after a server restart gets exactly the events it missed', async () => {
    const first = await startServer(app);
    const recorder = await record(first.url, [tasks]);
    const reconnects: (string | null)[] = [];
    recorder.syncer.on('reconnect', ({ cursor }) => reconnects.push(cursor));
    await create('before');
    await waitFor(() => recorder.received.length === 1, 'before');
    await first.close(); // 1001: the client starts reconnecting
    await create('while away 1');
    await create('while away 2');
    const second = await startServer(app, {}, first.port);
    try {
      await waitFor(() => reconnects.length === 1, 'reconnect');
      await create('after');
      await waitFor(() => recorder.received.length === 4, 'all');
      await settle();
      expect(recorder.labels()).toEqual([
        'create:before',
        'create:while away 1',
        'create:while away 2',
        'create:after',
      ]);
      expect(reconnects).toHaveLength(1);
    } finally {
      recorder.close();
      await second.close();
    }
  });

  it('a page that embeds the head before loading its data misses nothing committed after it', async () => {
    const server = await startServer(app);
    try {
      const head = await server.syncer.head();
      await create('after the head');
      const recorder = await record(server.url, [tasks], { cursor: head });
      await waitFor(() => recorder.received.length === 1, 'catch-up');
      expect(recorder.labels()).toEqual(['create:after the head']);
      recorder.close();
    } finally {
      await server.close();
    }
  });

  it('a cursor older than retention gets resync, then the live stream', async () => {
    const server = await startServer(app);
    try {
      const head = await server.syncer.head();
      await create('expired');
      await waitFor(() => server.syncer.stats().dispatcher.delivered !== head, 'delivered');
      const report = await server.syncer.runRetention(0);
      expect(report.commits).toBeGreaterThan(0);
      const syncer = new Syncer({ url: server.url, cursor: head });
      const resyncs: { channels: readonly string[]; reason: string }[] = [];
      syncer.on('resync', ({ channels, reason }) => resyncs.push({ channels, reason }));
      const received: string[] = [];
      syncer.subscribe(tasks, (n) => received.push(String(n[1].data['name'])));
      await waitFor(() => syncer.connected, 'connected');
      await create('live');
      await waitFor(() => received.length === 1, 'live');
      expect(resyncs).toEqual([{ channels: [tasks], reason: 'cursor_expired' }]);
      expect(received).toEqual(['live']);
      syncer.close();
    } finally {
      await server.close();
    }
  });

  it('a cursor from another database gets resync with cursor_unknown', async () => {
    const server = await startServer(app);
    try {
      const syncer = new Syncer({ url: server.url, cursor: '999999999' });
      const reasons: string[] = [];
      syncer.on('resync', ({ reason }) => reasons.push(reason));
      syncer.subscribe(tasks, () => undefined);
      await waitFor(() => syncer.connected, 'connected');
      expect(reasons).toEqual(['cursor_unknown']);
      syncer.close();
    } finally {
      await server.close();
    }
  });
});

describe('several processes, lost connections, polling', () => {
  it('two server processes deliver the same events, in the same order, to their own clients', async () => {
    const a = await startServer(app);
    const b = await startServer(app);
    try {
      const onA = await record(a.url, [tasks]);
      const onB = await record(b.url, [tasks]);
      await Promise.all(
        ['p1', 'p2', 'p3', 'p4'].map((name) =>
          app.env.transaction(async (tx) => void (await tx.model('project.task').create({ name }))),
        ),
      );
      await waitFor(() => onA.received.length === 4 && onB.received.length === 4, 'both');
      expect(onB.received.map((r) => r.cursor)).toEqual(onA.received.map((r) => r.cursor));
      expect(onB.labels()).toEqual(onA.labels());
      // A client of A moves to B with its cursor: only what follows.
      const moved = await record(b.url, [tasks], { cursor: onA.received[1]?.cursor ?? null });
      await waitFor(() => moved.received.length === 2, 'moved');
      expect(moved.labels()).toEqual(onA.labels().slice(2));
      for (const r of [onA, onB, moved]) r.close();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps delivering when the LISTEN connection drops (it reconnects and catches up)', async () => {
    const server = await startServer(app, { pollIntervalMs: 60_000 });
    try {
      const recorder = await record(server.url, [tasks]);
      server.syncer.simulateListenLoss();
      await create('during listen loss');
      await waitFor(() => recorder.received.length === 1, 'event');
      await waitFor(() => server.syncer.stats().listening, 'listening again');
      await create('after listen loss');
      await waitFor(() => recorder.received.length === 2, 'second');
      expect(recorder.labels()).toEqual(['create:during listen loss', 'create:after listen loss']);
      expect(server.errors.length).toBeGreaterThan(0);
      recorder.close();
    } finally {
      await server.close();
    }
  });

  it('concurrent writers never leave an event waiting for the safety poll', async () => {
    const server = await startServer(app, { pollIntervalMs: 600_000 });
    try {
      const recorder = await record(server.url, [tasks]);
      let expected = 0;
      for (let round = 0; round < 20; round++) {
        const names = Array.from({ length: 12 }, (_, i) => `burst ${round}.${i}`);
        expected += names.length;
        await Promise.all(
          names.map((name) =>
            app.env.transaction(
              async (tx) => void (await tx.model('project.task').create({ name })),
            ),
          ),
        );
        await waitFor(
          () => recorder.received.length === expected,
          `burst ${round} without a poll`,
          5000,
        );
      }
      expect(new Set(recorder.labels()).size).toBe(expected);
      recorder.close();
    } finally {
      await server.close();
    }
  });

  it('works without NOTIFY (polling only)', async () => {
    const server = await startServer(app, { notify: false, pollIntervalMs: 20 });
    try {
      const recorder = await record(server.url, [tasks]);
      await create('polled');
      await waitFor(() => recorder.received.length === 1, 'polled');
      expect(server.syncer.stats().listening).toBe(false);
      recorder.close();
    } finally {
      await server.close();
    }
  });

  it('NOTIFY carries only the commit number (a wake-up, never a payload)', async () => {
    const server = await startServer(app);
    const listener = new pg.Client({ connectionString: app.url });
    await listener.connect();
    try {
      const payloads: string[] = [];
      listener.on('notification', (message) => payloads.push(message.payload ?? ''));
      await listener.query('listen web_syncer');
      await server.syncer.head(); // idle: the flag is armed
      await create('x'.repeat(10_000));
      await waitFor(() => payloads.length > 0, 'notify');
      expect(payloads.every((p) => /^\d+$/.test(p))).toBe(true);
    } finally {
      await listener.end();
      await server.close();
    }
  });
});
