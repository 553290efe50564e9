import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from '../__fixtures__/queue-fixture.js';
import { failingNote, lookupNote, notes, writeNote } from '../__fixtures__/test-jobs.js';
import { JobStateError } from '../errors/job-state-error.js';
import { NoRelatedActionError } from '../errors/no-related-action-error.js';
import { NoSuchJobError } from '../errors/no-such-job-error.js';

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

const run = () => f.queue.worker({ env: f.env }).runUntilIdle();

describe('admin', () => {
  it('lists and counts by state, channel and function', async () => {
    await f.queue.for(f.env).delay(writeNote, { note: 'a' });
    await f.queue.for(f.env).delay(writeNote, { note: 'b' }, { channel: 'root.shop.orders' });
    await f.queue.for(f.env).delay(failingNote, { note: 'c', kind: 'boom' });
    await f.queue.worker({ env: f.env }).runUntilIdle();
    await f.queue.for(f.env).delay(writeNote, { note: 'd' }, { eta: 3600 });
    const admin = f.queue.admin(f.env);
    expect(await admin.countByState()).toEqual({
      wait_dependencies: 0,
      pending: 1,
      started: 0,
      done: 2,
      cancelled: 0,
      failed: 1,
    });
    expect((await admin.list({ state: 'failed' })).map((j) => j.functionName)).toEqual([
      'test.failing_note',
    ]);
    expect((await admin.list({ channel: 'root.shop' })).map((j) => j.args)).toEqual([
      { note: 'b' },
    ]);
    expect(await admin.count({ functionName: 'test.write_note', state: ['done', 'pending'] })).toBe(
      3,
    );
    expect((await admin.list({}, { limit: 2 })).map((j) => j.args)).toEqual([
      { note: 'd' },
      expect.anything(),
    ]);
  });

  it('requeues a failed job with its try counter reset, and it runs again', async () => {
    const job = await f.queue
      .for(f.env)
      .delay(failingNote, { note: 'x', kind: 'retry-now' }, { maxRetries: 2 });
    await run();
    const admin = f.queue.admin(f.env);
    expect(await admin.get(job.id)).toMatchObject({ state: 'failed', retry: 2 });
    expect(await admin.requeue([job.id])).toEqual([job.id]);
    expect(await admin.get(job.id)).toMatchObject({
      state: 'pending',
      retry: 0,
      excName: undefined,
      result: undefined,
    });
    expect(await run()).toBe(2);
    expect(await admin.get(job.id)).toMatchObject({ state: 'failed', retry: 2 });
  });

  it('sets done and cancels with who did it, and refuses other states', async () => {
    const admin = f.queue.admin(f.env);
    const a = await f.queue.for(f.env).delay(writeNote, { note: 'a' });
    const b = await f.queue.for(f.env).delay(writeNote, { note: 'b' });
    await admin.setDone([a.id]);
    await admin.cancel([b.id]);
    expect(await admin.get(a.id)).toMatchObject({
      state: 'done',
      result: 'Manually set to done by 1',
    });
    expect(await admin.get(b.id)).toMatchObject({ state: 'cancelled', result: 'Cancelled by 1' });
    await expect(admin.cancel([a.id])).rejects.toBeInstanceOf(JobStateError);
    await expect(admin.setDone([b.id, a.id])).rejects.toMatchObject({ action: 'setDone' });
    await expect(admin.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
      NoSuchJobError,
    );
    expect(await run()).toBe(0);
    expect(await notes(f.db)).toEqual([]);
  });

  it('gives the related action of a job: its record, or none', async () => {
    const admin = f.queue.admin(f.env);
    const one = await f.queue.for(f.env).delay(failingNote, { note: 'n1', kind: 'boom' });
    const none = await f.queue.for(f.env).delay(failingNote, { note: '', kind: 'boom' });
    const plain = await f.queue.for(f.env).delay(writeNote, { note: 'n' });
    expect(await admin.relatedAction(one.id)).toEqual({
      type: 'record',
      name: 'Related Record',
      model: 'test.note',
      id: 'n1',
    });
    await expect(admin.relatedAction(none.id)).rejects.toBeInstanceOf(NoRelatedActionError);
    await expect(admin.relatedAction(plain.id)).rejects.toBeInstanceOf(NoRelatedActionError);
  });

  it('awaits async related actions, which read the database with the admin env', async () => {
    const admin = f.queue.admin(f.env);
    const { rows } = await sql<{
      id: number;
    }>`insert into qj_note (note) values ('target') returning id`.execute(f.db);
    const found = await f.queue.for(f.env).delay(lookupNote, { note: 'target' });
    const missing = await f.queue.for(f.env).delay(lookupNote, { note: 'nowhere' });
    expect(await admin.relatedAction(found.id)).toEqual({
      type: 'record',
      name: 'Note',
      model: 'test.note',
      id: rows[0]?.id,
    });
    await expect(admin.relatedAction(missing.id)).rejects.toBeInstanceOf(NoRelatedActionError);
    // inside the admin env's transaction, the action sees its uncommitted writes
    await f.env
      .transaction(async (tx) => {
        await sql`insert into qj_note (note) values ('nowhere')`.execute(tx.db);
        expect(await f.queue.admin(tx).relatedAction(missing.id)).toMatchObject({ type: 'record' });
        throw new Error('rollback');
      })
      .catch(() => undefined);
  });

  it('vacuums old done and cancelled jobs but keeps failed ones', async () => {
    const admin = f.queue.admin(f.env);
    await f.queue.for(f.env).delay(writeNote, { note: 'a' });
    await f.queue.for(f.env).delay(failingNote, { note: 'b', kind: 'boom' });
    await run();
    await sql`update pgboss.job set completed_on = now() - interval '40 days'`.execute(f.db);
    expect(await admin.vacuum()).toEqual({ deleted: 1 });
    expect(await admin.countByState()).toMatchObject({ done: 0, failed: 1 });
  });
});
