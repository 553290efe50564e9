import { AssertionError } from 'node:assert';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from '../__fixtures__/queue-fixture.js';
import { autonomousNote, notes, writeNote } from '../__fixtures__/test-jobs.js';
import { QueueStateError } from '../errors/queue-state-error.js';
import { chain } from '../graph/delayable-chain.js';
import { trapJobs, withoutDelay } from './index.js';

let f: QueueFixture;
beforeAll(async () => {
  f = await createQueueFixture();
});
afterAll(async () => {
  await f.close();
});
beforeEach(async () => {
  await sql`delete from pgboss.job`.execute(f.db);
  await sql`delete from qj_note`.execute(f.db);
});

describe('trapJobs', () => {
  it('captures jobs instead of storing them, and asserts them', async () => {
    using trap = trapJobs(f.queue);
    await f.queue.for(f.env).delay(writeNote, { note: 'a' }, { priority: 3 });
    await f.queue.for(f.env).delay('test.failing_note', { note: 'b', kind: 'boom' });
    expect(await f.queue.admin(f.env).count()).toBe(0);
    trap.assertJobsCount(2);
    trap.assertJobsCount(1, writeNote);
    const job = trap.assertEnqueuedJob(
      writeNote,
      { note: 'a' },
      { priority: 3, channel: 'root.notes' },
    );
    expect(job.properties).toMatchObject({ maxRetries: 5, description: 'Write a note' });
    expect(() => trap.assertEnqueuedJob(writeNote, { note: 'a' }, { priority: 4 })).toThrow(
      AssertionError,
    );
    expect(() => trap.assertEnqueuedJob(writeNote, { note: 'zzz' })).toThrow(
      /test\.write_note\(\{ note: 'a' \}\)/,
    );
    expect(() => trap.assertJobsCount(5)).toThrow(AssertionError);
  });

  it('honours identity keys: duplicates are called but not enqueued', async () => {
    using trap = trapJobs(f.queue);
    const first = await f.queue.for(f.env).delay(writeNote, { note: 'a' }, { identityKey: 'k' });
    const second = await f.queue.for(f.env).delay(writeNote, { note: 'b' }, { identityKey: 'k' });
    expect(second).toMatchObject({ id: first.id, existing: true });
    expect(trap.calls).toHaveLength(2);
    expect(trap.enqueuedJobs).toHaveLength(1);
  });

  it('performs lone jobs by priority and graphs in topological order', async () => {
    using trap = trapJobs(f.queue);
    const enqueue = f.queue.for(f.env);
    await enqueue.delay(writeNote, { note: 'low' }, { priority: 20 });
    await chain(
      enqueue.delayable(writeNote, { note: 'first' }, { priority: 30 }),
      enqueue.delayable(writeNote, { note: 'then' }, { priority: 0 }),
    ).delay();
    await enqueue.delay(writeNote, { note: 'high' }, { priority: 1 });
    await trap.performEnqueuedJobs();
    expect(trap.enqueuedJobs).toEqual([]);
    expect(await notes(f.db)).toEqual(['high', 'low', 'first', 'then']);
    trap.restore();
    await f.queue.for(f.env).delay(writeNote, { note: 'stored' });
    expect(await f.queue.admin(f.env).count()).toBe(1);
  });
});

describe('performing trapped jobs in a base env', () => {
  const rows = async () =>
    (
      await sql<{
        note: string;
        user_id: string;
        company_id: string;
        lang: string | null;
      }>`select note, user_id, company_id, lang from qj_note order by id`.execute(f.db)
    ).rows;

  it('runs jobs enqueued in a committed transaction, replaying their context', async () => {
    using trap = trapJobs(f.queue);
    await f.env
      .withUser(5, 9)
      .withContext({ lang: 'de_DE' })
      .transaction((tx) => f.queue.for(tx).delay(writeNote, { note: 'after commit' }));
    await trap.performEnqueuedJobs({ env: f.env });
    expect(await rows()).toEqual([
      { note: 'after commit', user_id: '5', company_id: '9', lang: 'de_DE' },
    ]);
    expect(trap.enqueuedJobs).toEqual([]);
  });

  it('fails without one when the enqueuing transaction has ended', async () => {
    using trap = trapJobs(f.queue);
    await f.env.transaction((tx) => f.queue.for(tx).delay(writeNote, { note: 'lost' }));
    await expect(trap.performEnqueuedJobs()).rejects.toThrow(/Transaction is already committed/);
  });

  it("uses the trap's env, each job in a transaction of its own", async () => {
    using trap = trapJobs(f.queue, { env: f.env });
    await f.env.transaction(async (tx) => {
      await f.queue.for(tx).delay(writeNote, { note: 'kept' }, { priority: 1 });
      await f.queue.for(tx).delay(autonomousNote, { note: 'x', fail: true }, { priority: 2 });
    });
    await expect(trap.performEnqueuedJobs()).rejects.toThrow('failed after the autonomous write');
    // the first job committed alone; the failing one kept only its autonomous write
    expect((await rows()).map((row) => row.note)).toEqual(['kept', 'x:own']);
  });
});

describe('no-delay mode', () => {
  it('runs the job at once in the caller transaction instead of storing it', async () => {
    const result = await f.queue.for(withoutDelay(f.env)).delay(writeNote, { note: 'now' });
    expect(result.existing).toBe(false);
    expect(await notes(f.db)).toEqual(['now']);
    expect(await f.queue.admin(f.env).count()).toBe(0);
    await f.env.transaction(async (tx) => {
      await chain(
        f.queue.for(tx).delayable(writeNote, { note: 'x' }),
        f.queue.for(withoutDelay(tx)).delayable(writeNote, { note: 'y' }),
      ).delay();
      expect(await notes(tx.db as never)).toEqual(['now', 'x', 'y']);
    });
  });

  it('gives autonomous() a transaction of the caller env, refused inside a transaction', async () => {
    await f.queue.for(withoutDelay(f.env)).delay(autonomousNote, { note: 'inline' });
    expect(await notes(f.db)).toEqual(['inline:own', 'inline:job']);
    await expect(
      f.env.transaction((tx) =>
        f.queue.for(withoutDelay(tx)).delay(autonomousNote, { note: 'refused' }),
      ),
    ).rejects.toBeInstanceOf(QueueStateError);
    expect(await notes(f.db)).toEqual(['inline:own', 'inline:job']);
  });
});
