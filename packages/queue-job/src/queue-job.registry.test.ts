import { buildAppRegistries, createEnv, type BinderyDatabase } from '@bindery/model';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from './__fixtures__/queue-fixture.js';
import { notes, testJobsAddon, writeNote } from './__fixtures__/test-jobs.js';
import { NoQueueError } from './errors/no-queue-error.js';
import { QueueJobError } from './errors/queue-job-error.js';
import { QueueJob, queueFor } from './queue-job.js';

let f: QueueFixture;
beforeAll(async () => {
  f = await createQueueFixture();
});
afterAll(async () => {
  await f.close();
});

describe('finding the queue of an env', () => {
  it('finds the queue constructed with the env registries, by env or registries', async () => {
    expect(queueFor(f.env)).toBe(f.queue);
    expect(QueueJob.of(f.env)).toBe(f.queue);
    expect(QueueJob.of(f.registries)).toBe(f.queue);
    expect(QueueJob.of(f.registries.components)).toBe(f.queue);
    await f.env.transaction((tx) => queueFor(tx).for(tx).delay(writeNote, { note: 'found' }));
    await f.queue.worker({ env: f.env }).runUntilIdle();
    expect(await notes(f.db)).toEqual(['found']);
  });

  it('throws NoQueueError for registries no queue serves', () => {
    const other = buildAppRegistries([testJobsAddon]);
    const env = createEnv({ db: f.db as Kysely<BinderyDatabase>, registries: other });
    expect(QueueJob.find(env)).toBeUndefined();
    let caught: unknown;
    try {
      queueFor(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NoQueueError);
    expect(QueueJobError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/new QueueJob\(\{ registries/);
  });

  it('is replaced by a later queue, unless it opts out with register: false', () => {
    const registries = buildAppRegistries([testJobsAddon]);
    const first = new QueueJob({ registries, connectionString: f.database.url });
    expect(QueueJob.of(registries)).toBe(first);
    new QueueJob({ registries, connectionString: f.database.url, register: false });
    expect(QueueJob.of(registries)).toBe(first);
    const second = new QueueJob({ registries, connectionString: f.database.url });
    expect(QueueJob.of(registries)).toBe(second);
  });
});
