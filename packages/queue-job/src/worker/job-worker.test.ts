import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from '../__fixtures__/queue-fixture.js';
import { notes, writeNote } from '../__fixtures__/test-jobs.js';
import type { JobWorker } from './job-worker.js';

let f: QueueFixture;
let worker: JobWorker;
const ended: string[] = [];
beforeAll(async () => {
  f = await createQueueFixture({ channels: 'root:2' });
  // A minute between polls: jobs must start on notifications and timers, not on polling.
  worker = f.queue.worker({
    env: f.env,
    pollIntervalMs: 60_000,
    onJobEnd: (id) => void ended.push(id),
  });
  await worker.start();
});
afterAll(async () => {
  await worker.stop();
  await f.close();
});
beforeEach(async () => {
  await sql`delete from qj_note`.execute(f.db);
});

async function until(check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a started worker', () => {
  it('starts a job when its enqueue commits, without waiting for a poll', async () => {
    const job = await f.env.transaction((tx) =>
      f.queue.for(tx).delay(writeNote, { note: 'notified' }),
    );
    await until(() => Promise.resolve(ended.includes(job.id)));
    expect(await notes(f.db)).toEqual(['notified']);
  });

  it('wakes up for a job with an eta', async () => {
    const job = await f.queue.for(f.env).delay(writeNote, { note: 'later' }, { eta: 1 });
    expect((await f.queue.admin(f.env).get(job.id)).state).toBe('pending');
    await until(() => Promise.resolve(ended.includes(job.id)));
    expect(await notes(f.db)).toEqual(['later']);
  });

  it('starts the next job of a chain when the parent is done', async () => {
    const enqueue = f.queue.for(f.env);
    const jobs = await enqueue
      .delayable(writeNote, { note: 'parent' })
      .onDone(enqueue.delayable(writeNote, { note: 'child' }))
      .delay();
    await until(() => Promise.resolve(jobs.every((j) => ended.includes(j.id))));
    expect(await notes(f.db)).toEqual(['parent', 'child']);
  });
});
