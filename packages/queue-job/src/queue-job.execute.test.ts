import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from './__fixtures__/queue-fixture.js';
import { autonomousNote, failingNote, notes, writeNote } from './__fixtures__/test-jobs.js';
import type { JobFailureEvent } from './queue-job-options.js';

let f: QueueFixture;
const failures: JobFailureEvent[] = [];
beforeAll(async () => {
  f = await createQueueFixture({ onFailure: (event) => void failures.push(event) });
});
afterAll(async () => {
  await f.close();
});
beforeEach(async () => {
  failures.length = 0;
  await sql`delete from pgboss.job`.execute(f.db);
  await sql`delete from qj_note`.execute(f.db);
});

const run = () => f.queue.worker({ env: f.env }).runUntilIdle();
const secondsUntil = (date: Date) => (date.getTime() - Date.now()) / 1000;

describe('execution', () => {
  it('postpones a RetryableJobError by its seconds and rolls its writes back', async () => {
    const job = await f.queue
      .for(f.env)
      .delay(failingNote, { note: 'n', kind: 'retry', seconds: 30 });
    expect(await run()).toBe(1);
    const stored = await f.queue.admin(f.env).get(job.id);
    expect(stored).toMatchObject({
      state: 'pending',
      result: 'try later',
      retry: 1,
      excName: undefined,
    });
    expect(secondsUntil(stored.eta)).toBeGreaterThan(25);
    expect(await notes(f.db)).toEqual([]);
  });

  it('postpones by the retry pattern when the error gives no seconds', async () => {
    const job = await f.queue.for(f.env).delay(failingNote, { note: 'n', kind: 'retry' });
    await run();
    const stored = await f.queue.admin(f.env).get(job.id);
    expect(stored.state).toBe('pending');
    expect(secondsUntil(stored.eta)).toBeGreaterThan(0);
    expect(secondsUntil(stored.eta)).toBeLessThanOrEqual(1.5);
  });

  it('fails after maxRetries tries in total, with "Max. retries (N) reached"', async () => {
    const job = await f.queue
      .for(f.env)
      .delay(failingNote, { note: 'n', kind: 'retry-now' }, { maxRetries: 3 });
    expect(await run()).toBe(3);
    const stored = await f.queue.admin(f.env).get(job.id);
    expect(stored).toMatchObject({
      state: 'failed',
      retry: 3,
      excName: 'FailedJobError',
      excMessage: 'Max. retries (3) reached: try again',
    });
    expect(failures.map((e) => e.job.id)).toEqual([job.id]);
  });

  it('does not count an ignored retry', async () => {
    const job = await f.queue
      .for(f.env)
      .delay(failingNote, { note: 'n', kind: 'ignore', seconds: 60 }, { maxRetries: 1 });
    await run();
    expect(await f.queue.admin(f.env).get(job.id)).toMatchObject({
      state: 'pending',
      retry: 0,
      result: 'ignored',
    });
  });

  it('ends done with the message of NothingToDoJob, without its writes', async () => {
    const job = await f.queue.for(f.env).delay(failingNote, { note: 'n', kind: 'nothing' });
    await run();
    expect(await f.queue.admin(f.env).get(job.id)).toMatchObject({
      state: 'done',
      result: 'already imported',
    });
    expect(await notes(f.db)).toEqual([]);
  });

  it('fails at once on any other error, storing its name, message and stack', async () => {
    const job = await f.queue.for(f.env).delay(failingNote, { note: 'n', kind: 'boom' });
    expect(await run()).toBe(1);
    const stored = await f.queue.admin(f.env).get(job.id);
    expect(stored).toMatchObject({
      state: 'failed',
      retry: 1,
      excName: 'TypeError',
      excMessage: 'boom',
    });
    expect(stored.excInfo).toContain('test-jobs.ts');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.error).toBeInstanceOf(TypeError);
  });

  it('turns PostgreSQL concurrency errors into a retry in 5 seconds', async () => {
    const job = await f.queue.for(f.env).delay(failingNote, { note: 'n', kind: 'deadlock' });
    await run();
    const stored = await f.queue.admin(f.env).get(job.id);
    expect(stored).toMatchObject({ state: 'pending', result: 'deadlock detected' });
    expect(secondsUntil(stored.eta)).toBeGreaterThan(3);
    expect(secondsUntil(stored.eta)).toBeLessThanOrEqual(5.5);
  });

  it('fails a job whose function is not registered in the worker', async () => {
    const job = await f.queue.for(f.env).delay(writeNote, { note: 'x' });
    await sql`update pgboss.job set data = jsonb_set(data, '{fn}', '"gone"') where id = ${job.id}`.execute(
      f.db,
    );
    await run();
    expect(await f.queue.admin(f.env).get(job.id)).toMatchObject({
      state: 'failed',
      excName: 'UnknownJobFunctionError',
    });
  });
});

describe('batched execution (worker batchSize)', () => {
  it('commits successful jobs together and rolls failing ones back alone', async () => {
    const enqueue = f.queue.for(f.env);
    const ok = await enqueue.delayMany(writeNote, [{ note: 'a' }, { note: 'b' }, { note: 'c' }]);
    const boom = await enqueue.delay(failingNote, { note: 'boom', kind: 'boom' });
    const later = await enqueue.delay(failingNote, { note: 'later', kind: 'retry', seconds: 60 });
    const outcomes = new Map<string, string>();
    const worker = f.queue.worker({
      env: f.env,
      concurrency: 8,
      batchSize: 8,
      onJobEnd: (id, outcome) => void outcomes.set(id, outcome),
    });
    await worker.start();
    try {
      const deadline = Date.now() + 20_000;
      while (outcomes.size < 5 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await worker.stop();
    }
    expect(ok.map((j) => outcomes.get(j.id))).toEqual(['done', 'done', 'done']);
    expect(outcomes.get(boom.id)).toBe('failed');
    expect(outcomes.get(later.id)).toBe('postponed');
    expect((await notes(f.db)).sort()).toEqual(['a', 'b', 'c']);
    const admin = f.queue.admin(f.env);
    expect(await admin.get(ok[0]?.id ?? '')).toMatchObject({ state: 'done', result: 'wrote a' });
    expect(await admin.get(boom.id)).toMatchObject({ state: 'failed', excName: 'TypeError' });
    expect((await admin.get(later.id)).state).toBe('pending');
  });
});

describe('autonomous()', () => {
  const ownRows = async () =>
    (
      await sql<{
        note: string;
        user_id: string | null;
        lang: string | null;
      }>`select note, user_id, lang from qj_note order by id`.execute(f.db)
    ).rows;

  it('commits on its own connection when the job fails, as the enqueuing user', async () => {
    const job = await f.queue
      .for(f.env.withUser(3).withContext({ lang: 'nl_NL' }))
      .delay(autonomousNote, { note: 'a', fail: true });
    expect(await run()).toBe(1);
    expect(await f.queue.admin(f.env).get(job.id)).toMatchObject({ state: 'failed' });
    expect(await ownRows()).toEqual([{ note: 'a:own', user_id: '3', lang: 'nl_NL' }]);
  });

  it('commits alongside a successful job, in batches too', async () => {
    await f.queue.for(f.env).delay(autonomousNote, { note: 'b' });
    await f.queue.for(f.env).delay(autonomousNote, { note: 'c', fail: true });
    await f.queue.worker({ env: f.env, batchSize: 4 }).runUntilIdle();
    expect((await notes(f.db)).sort()).toEqual(['b:job', 'b:own', 'c:own']);
  });
});
