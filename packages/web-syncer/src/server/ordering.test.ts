import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compareCursors } from '../protocol/cursor.js';
import { deferred, record, type Recorder } from '../__fixtures__/event-recorder.js';
import { projectDatabase, type ProjectDatabase } from '../__fixtures__/project-database.js';
import {
  settle,
  startServer,
  waitFor,
  type RunningServer,
} from '../__fixtures__/server-harness.js';

let app: ProjectDatabase;
let server: RunningServer;
let recorder: Recorder;
let channel: string;

beforeAll(async () => {
  app = await projectDatabase();
  // Frequent polls: a hold-back must come from the ordering rule, not from a missing wake-up.
  server = await startServer(app, { pollIntervalMs: 50 });
  channel = `${app.name}:project.task`;
  // A commit gate: a deferred trigger queued after the outbox's, waiting on advisory lock 4242,
  // so a transaction can be stopped after it took its commit number (and refused: id < 0).
  await sql`create table commit_gate (id integer)`.execute(app.db);
  await sql`create function commit_gate_wait() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(4242);
      if new.id < 0 then raise exception 'refused at commit'; end if;
      return null;
    end $$`.execute(app.db);
  await sql`create constraint trigger commit_gate_wait after insert on commit_gate
    deferrable initially deferred for each row execute function commit_gate_wait()`.execute(app.db);
});
afterAll(async () => {
  await server?.close();
  await app?.drop();
});
beforeEach(async (context) => {
  recorder = await record(server.url, [channel]);
  context.onTestFinished(() => recorder.close());
});

const tasks = () => app.env.model('project.task');

function cursorsIncrease(recorded: Recorder): boolean {
  const cursors = recorded.received.map((r) => r.cursor ?? '');
  return cursors.every(
    (cursor, index) => index === 0 || compareCursors(cursors[index - 1] ?? '', cursor) < 0,
  );
}

describe('delivery in commit order, gap-free, exactly once', () => {
  it('two transactions: the one that inserted first (lower id) but commits last is delivered last', async () => {
    const inserted = deferred();
    const release = deferred();
    const first = app.env.transaction(async (tx) => {
      await tx.model('project.task').create({ name: 'T1' });
      inserted.resolve();
      await release.promise;
    });
    await inserted.promise;
    await app.env.transaction(
      async (tx) => void (await tx.model('project.task').create({ name: 'T2' })),
    );
    await waitFor(() => recorder.received.length === 1, 'T2');
    await settle();
    expect(recorder.labels()).toEqual(['create:T2']); // T1 is not committed: nothing of it yet
    release.resolve();
    await first;
    await waitFor(() => recorder.received.length === 2, 'T1');
    await settle();
    expect(recorder.labels()).toEqual(['create:T2', 'create:T1']);
    expect(cursorsIncrease(recorder)).toBe(true);

    const { rows } = await sql<{
      name: string;
      id: string;
      seq: string;
    }>`select e.payload->'data'->>'name' as name, e.id::text, c.seq::text
      from web_syncer_event e join web_syncer_commit c using (txid) where e.payload->'data'->>'name' in ('T1', 'T2') order by e.id`.execute(
      app.db,
    );
    expect(rows.map((r) => r.name)).toEqual(['T1', 'T2']); // insert order (ids)...
    expect(Number(rows[0]?.seq)).toBeGreaterThan(Number(rows[1]?.seq)); // ...is not commit order

    // A client catching up from before both gets the same order.
    const late = await record(server.url, [channel], { cursor: '0' });
    await waitFor(() => late.labels().includes('create:T1'), 'catch-up');
    expect(late.labels().filter((l) => l === 'create:T1' || l === 'create:T2')).toEqual([
      'create:T2',
      'create:T1',
    ]);
    late.close();
  });

  it('one record written by two transactions arrives in commit order even when transaction ids say otherwise', async () => {
    const task = await tasks().create({ name: 'shared' });
    const id = task['id'] as number;
    await waitFor(() => recorder.received.length === 1, 'create');
    const started = deferred();
    const release = deferred();
    let laterTxid = '';
    const later = app.env.transaction(async (tx) => {
      const { rows } = await sql<{
        txid: string;
      }>`select pg_current_xact_id()::text as txid`.execute(tx.db);
      laterTxid = rows[0]?.txid ?? '';
      started.resolve();
      await release.promise;
      await tx.model('project.task').write(id, { stage: 'second' });
    });
    await started.promise;
    let earlierTxid = '';
    await app.env.transaction(async (tx) => {
      await tx.model('project.task').write(id, { stage: 'first' });
      const { rows } = await sql<{
        txid: string;
      }>`select pg_current_xact_id()::text as txid`.execute(tx.db);
      earlierTxid = rows[0]?.txid ?? '';
    });
    release.resolve();
    await later;
    await waitFor(() => recorder.received.length === 3, 'two writes');
    expect(BigInt(laterTxid)).toBeLessThan(BigInt(earlierTxid)); // txid order: "second" first
    expect(recorder.received.slice(1).map((r) => r.notification[1].data['stage'])).toEqual([
      'first',
      'second',
    ]);
  });

  it('holds later commits back while a transaction that took an earlier number is still committing', async () => {
    const gate = new pg.Client({ connectionString: app.url });
    await gate.connect();
    try {
      await gate.query('select pg_advisory_lock(4242)');
      const slow = app.env.transaction(async (tx) => {
        await tx.model('project.task').create({ name: 'slow commit' });
        await sql`insert into commit_gate values (1)`.execute(tx.db);
      });
      await waitUntilCommitting(gate);
      await tasks().create({ name: 'fast commit' });
      await settle(300);
      expect(recorder.labels()).toEqual([]); // the fast one has the higher number: it waits
      await gate.query('select pg_advisory_unlock(4242)');
      await slow;
      await waitFor(() => recorder.received.length === 2, 'both');
      expect(recorder.labels()).toEqual(['create:slow commit', 'create:fast commit']);
      expect(cursorsIncrease(recorder)).toBe(true);
    } finally {
      await gate.end();
    }
  });

  it('skips the number of a transaction that failed after taking it, and delivers the rest', async () => {
    const gate = new pg.Client({ connectionString: app.url });
    await gate.connect();
    try {
      await gate.query('select pg_advisory_lock(4242)');
      const failing = app.env.transaction(async (tx) => {
        await tx.model('project.task').create({ name: 'refused' });
        await sql`insert into commit_gate values (-1)`.execute(tx.db);
      });
      await waitUntilCommitting(gate);
      await tasks().create({ name: 'after refused' });
      await settle(200);
      expect(recorder.labels()).toEqual([]);
      await gate.query('select pg_advisory_unlock(4242)');
      await expect(failing).rejects.toThrow('refused at commit');
      await waitFor(() => recorder.received.length === 1, 'the committed one');
      await settle();
      expect(recorder.labels()).toEqual(['create:after refused']);
    } finally {
      await gate.end();
    }
  });

  it('delivers nothing of a rolled-back transaction or a rolled-back savepoint', async () => {
    await expect(
      app.env.transaction(async (tx) => {
        await tx.model('project.task').create({ name: 'rolled back' });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await app.env.transaction(async (tx) => {
      await tx.model('project.task').create({ name: 'kept' });
      await tx
        .transaction(async (inner) => {
          await inner.model('project.task').create({ name: 'savepoint rolled back' });
          throw new Error('inner');
        })
        .catch(() => undefined);
    });
    await waitFor(() => recorder.received.length === 1, 'kept');
    await settle();
    expect(recorder.labels()).toEqual(['create:kept']);
  });

  it('delivers many concurrent transactions once each, in increasing cursor order', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `concurrent ${i}`);
    await Promise.all(
      names.map((name) =>
        app.env.transaction(async (tx) => void (await tx.model('project.task').create({ name }))),
      ),
    );
    await waitFor(() => recorder.received.length === names.length, 'all');
    await settle();
    expect(recorder.received).toHaveLength(names.length);
    expect(new Set(recorder.labels())).toEqual(new Set(names.map((n) => `create:${n}`)));
    expect(cursorsIncrease(recorder)).toBe(true);
  });
});

/** Wait until some transaction waits for lock 4242 (it took its commit number). */
async function waitUntilCommitting(client: pg.Client): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await client.query<{ n: string }>(
      "select count(*)::text as n from pg_locks where locktype = 'advisory' and objid = 4242 and not granted",
    );
    if (rows[0]?.n !== '0') return;
    await settle(10);
  }
  throw new Error('no transaction reached the commit gate');
}
