import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from './__fixtures__/queue-fixture.js';
import { failingNote, notes, writeNote } from './__fixtures__/test-jobs.js';
import { UnknownJobFunctionError } from './errors/unknown-job-function-error.js';

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

describe('cron as a job', () => {
  it('schedules, triggers as the scheduling user, and never runs two at once', async () => {
    await f.queue.cron.schedule(f.env.withUser(5), {
      name: 'notes',
      cron: '0 3 * * *',
      fn: writeNote,
      args: { note: 'cron' },
      options: { priority: 2 },
    });
    expect(await f.queue.cron.list()).toEqual(['notes']);
    const first = await f.queue.cron.trigger(f.env, 'notes');
    expect(first).toBeDefined();
    expect(await f.queue.cron.trigger(f.env, 'notes')).toBeUndefined();
    const job = await f.queue.admin(f.env).get(first as string);
    expect(job).toMatchObject({
      functionName: 'test.write_note',
      priority: 2,
      identityKey: 'cron:notes',
      userId: 5,
    });
    await sql`update pgboss.job set state = 'active', started_on = now() where id = ${first}`.execute(
      f.db,
    );
    expect(await f.queue.cron.trigger(f.env, 'notes')).toBeUndefined();
    await sql`update pgboss.job set state = 'completed' where id = ${first}`.execute(f.db);
    expect(await f.queue.cron.trigger(f.env, 'notes')).toBeDefined();
    await f.queue.cron.unschedule('notes');
    expect(await f.queue.cron.list()).toEqual([]);
  });

  it('checks the job function when scheduling', async () => {
    await expect(
      f.queue.cron.schedule(f.env, { name: 'bad', cron: '* * * * *', fn: 'no.such', args: {} }),
    ).rejects.toBeInstanceOf(UnknownJobFunctionError);
  });
});

describe('job batches', () => {
  it('tracks a batch from draft to finished, with its progress', async () => {
    const batches = f.queue.batches(f.env);
    const batch = await batches.create('Import');
    expect(batch).toMatchObject({ state: 'draft', jobCount: 0, userId: '1', companyId: '7' });
    await f.queue
      .for(f.env)
      .delayMany(writeNote, [{ note: 'a' }, { note: 'b' }], { batchId: batch.id });
    await f.queue.for(f.env).delay(failingNote, { note: 'c', kind: 'boom' }, { batchId: batch.id });
    expect(await batches.enqueue(batch.id)).toMatchObject({
      state: 'enqueued',
      jobCount: 3,
      completeness: 0,
    });
    await f.queue.worker({ env: f.env }).runUntilIdle();
    const progress = await batches.get(batch.id);
    expect(progress).toMatchObject({ state: 'progress', finishedJobCount: 2, failedJobCount: 1 });
    expect(progress.completeness).toBeCloseTo(2 / 3);
    expect(progress.failedPercentage).toBeCloseTo(1 / 3);
    const failed = await f.queue.admin(f.env).list({ batchId: batch.id, state: 'failed' });
    await f.queue.admin(f.env).setDone(failed.map((j) => j.id));
    expect(await batches.get(batch.id)).toMatchObject({ state: 'finished', completeness: 1 });
    await batches.setRead(batch.id);
    expect((await batches.list()).map((b) => [b.name, b.isRead])).toEqual([['Import', true]]);
    expect(await notes(f.db)).toEqual(['a', 'b']);
  });
});

describe('autoDelay', () => {
  it('enqueues when called, and runs at once inside a job or without its context key', async () => {
    const { autoDelay } = await import('./enqueue/auto-delay.js');
    const call = autoDelay(f.queue, writeNote, {
      options: (args) => ({ identityKey: `note-${args.note}` }),
    });
    const enqueued = await call(f.env, { note: 'q' });
    expect('enqueued' in enqueued && enqueued.enqueued.identityKey).toBe('note-q');
    expect(await call(f.env.withContext({ queueJobUuid: 'running' }), { note: 'inline' })).toEqual({
      ran: 'wrote inline',
    });
    const keyed = autoDelay(f.queue, writeNote, { contextKey: 'lang' });
    expect(await keyed(f.env.withContext({ lang: undefined }), { note: 'no key' })).toEqual({
      ran: 'wrote no key',
    });
    expect(await notes(f.db)).toEqual(['inline', 'no key']);
    expect(await f.queue.admin(f.env).count()).toBe(1);
  });
});
