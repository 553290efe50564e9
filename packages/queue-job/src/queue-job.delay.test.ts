import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from './__fixtures__/queue-fixture.js';
import { notes, writeNote } from './__fixtures__/test-jobs.js';
import { JobArgumentsError } from './errors/job-arguments-error.js';
import { JobOptionsError } from './errors/job-options-error.js';
import { QueueJobError } from './errors/queue-job-error.js';
import { UnknownChannelError } from './errors/unknown-channel-error.js';
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

describe('delay', () => {
  it('stores the job only when the caller transaction commits', async () => {
    const rolledBack = await f.env
      .transaction(async (tx) => {
        await f.queue.for(tx).delay(writeNote, { note: 'lost' });
        throw new Error('abort');
      })
      .catch((e: unknown) => e);
    expect(rolledBack).toBeInstanceOf(Error);
    expect(await f.queue.admin(f.env).count()).toBe(0);

    const job = await f.env.transaction((tx) =>
      f.queue.for(tx).delay(writeNote, { note: 'kept' }, { priority: 3 }),
    );
    const stored = await f.queue.admin(f.env).get(job.id);
    expect(stored).toMatchObject({
      state: 'pending',
      functionName: 'test.write_note',
      description: 'Write a note',
      channel: 'root.notes',
      priority: 3,
      maxRetries: 5,
      retry: 0,
      args: { note: 'kept' },
      userId: 1,
      companyId: 7,
    });
  });

  it('runs the job as the user and company that enqueued it, with the allow-listed context', async () => {
    const env = f.env.withUser(42, 'acme').withContext({ lang: 'de_DE', tz: 'Europe/Berlin' });
    const job = await f.queue.for(env).delay(writeNote, { note: 'as user' });
    const worker = f.queue.worker({ env: f.env });
    expect(await worker.runUntilIdle()).toBe(1);
    const { rows } = await sql<{
      job_id: string;
      user_id: string;
      company_id: string;
      lang: string;
    }>`select job_id, user_id, company_id, lang from qj_note`.execute(f.db);
    expect(rows).toEqual([{ job_id: job.id, user_id: '42', company_id: 'acme', lang: 'de_DE' }]);
    const done = await f.queue.admin(f.env).get(job.id);
    expect(done).toMatchObject({ state: 'done', result: 'wrote as user', retry: 1 });
    expect(done.execTime).toBeGreaterThanOrEqual(0);
  });

  it('freezes the arguments when the job is created', async () => {
    const args = { note: 'before' };
    await f.queue.for(f.env).delay(writeNote, args);
    args.note = 'after';
    await f.queue.worker({ env: f.env }).runUntilIdle();
    expect(await notes(f.db)).toEqual(['before']);
  });

  it('enqueues many jobs in one statement', async () => {
    const jobs = await f.queue
      .for(f.env)
      .delayMany(writeNote, [{ note: 'a' }, { note: 'b' }, { note: 'c' }]);
    expect(jobs.map((j) => j.existing)).toEqual([false, false, false]);
    expect(await f.queue.admin(f.env).count({ state: 'pending' })).toBe(3);
    await f.queue.worker({ env: f.env, concurrency: 1 }).runUntilIdle();
    expect(await notes(f.db)).toEqual(['a', 'b', 'c']);
  });
});

describe('bad input is refused before anything is stored', () => {
  it.each([
    ['a function', { note: () => 1 }, 'function'],
    [
      'a cycle',
      (() => {
        const o: Record<string, unknown> = { note: 'x' };
        o['self'] = o;
        return o;
      })(),
      'cycle',
    ],
    ['a BigInt without a codec', { note: 1n }, 'bigint'],
    ['a class instance', { note: new Map() }, 'unsupported'],
    ['NaN', { note: Number.NaN }, 'non-finite'],
  ])('rejects %s', async (_label, args, reason) => {
    const error = await f.queue
      .for(f.env)
      .delay('test.write_note', args as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobArgumentsError);
    expect(error).toMatchObject({ reason });
    expect(QueueJobError.isInstance(error)).toBe(true);
    expect(await f.queue.admin(f.env).count()).toBe(0);
  });

  it('rejects unknown job functions, unknown channels and bad options', async () => {
    await expect(f.queue.for(f.env).delay('no.such.job', {})).rejects.toBeInstanceOf(
      UnknownJobFunctionError,
    );
    await expect(
      f.queue.for(f.env).delay(writeNote, { note: 'x' }, { channel: 'root.nowhere' }),
    ).rejects.toBeInstanceOf(UnknownChannelError);
    await expect(
      f.queue.for(f.env).delay(writeNote, { note: 'x' }, { priority: -1 }),
    ).rejects.toBeInstanceOf(JobOptionsError);
    await expect(
      f.queue.for(f.env).delay(writeNote, { note: 'x' }, { eta: Number.NaN }),
    ).rejects.toBeInstanceOf(JobOptionsError);
    expect(await f.queue.admin(f.env).count()).toBe(0);
  });
});
