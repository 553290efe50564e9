import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from './__fixtures__/queue-fixture.js';
import { crashNote, hangNote, notes, sleepNote } from './__fixtures__/test-jobs.js';
import { startWorkerProcess, type WorkerProcess } from './__fixtures__/worker-process.js';

let f: QueueFixture;
const processes: WorkerProcess[] = [];
beforeAll(async () => {
  f = await createQueueFixture({
    channels: 'root:8,root.slow:2',
    expireSeconds: 2,
    monitorIntervalSeconds: 1,
  });
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  await f.close();
});
beforeEach(async () => {
  await sql`delete from pgboss.job`.execute(f.db);
  await sql`delete from qj_note`.execute(f.db);
});

async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 45_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('several worker processes', () => {
  it('never run more jobs of a channel than its capacity, whichever process runs them', async () => {
    const workers = await Promise.all(
      [0, 1].map(() =>
        startWorkerProcess(f.database.url, {
          channels: 'root:8,root.slow:2',
          concurrency: 3,
          expireSeconds: 2,
        }),
      ),
    );
    processes.push(...workers);
    await f.queue.for(f.env).delayMany(
      sleepNote,
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ note: `j${i}`, ms: 150 })),
    );
    await until(
      async () => (await f.queue.admin(f.env).count({ state: 'done' })) === 8,
      'the jobs to be done',
    );
    const { rows } = await sql<{
      note: string;
      pid: number;
    }>`select note, pid from qj_note order by id`.execute(f.db);
    let running = 0;
    let most = 0;
    for (const row of rows) {
      running += row.note.endsWith(':start') ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(rows).toHaveLength(16);
    expect(most).toBe(2);
    expect(new Set(rows.map((r) => r.pid)).has(process.pid)).toBe(false);
    await Promise.all(workers.map((w) => w.stop()));
    processes.length = 0;
  });

  it('runs a job again after its worker was killed mid-job; its partial writes never committed', async () => {
    const worker = await startWorkerProcess(f.database.url, {
      channels: 'root:8,root.slow:2',
      concurrency: 1,
      expireSeconds: 2,
    });
    processes.push(worker);
    const job = await f.queue.for(f.env).delay(crashNote, {});
    await worker.waitFor('running');
    expect((await f.queue.admin(f.env).get(job.id)).state).toBe('started');
    await worker.kill();
    expect(await notes(f.db)).toEqual([]);
    await until(
      async () => (await f.queue.admin(f.env).get(job.id)).state === 'pending',
      'the supervisor to expire the job',
    );
    expect(await f.queue.worker({ env: f.env }).runUntilIdle()).toBe(1);
    expect(await f.queue.admin(f.env).get(job.id)).toMatchObject({ state: 'done', retry: 2 });
    expect(await notes(f.db)).toEqual(['recovered:2']);
  });

  it('fails a job that dies every time after its tries, instead of looping forever', async () => {
    const job = await f.queue.for(f.env).delay(hangNote, {}, { maxRetries: 2 });
    const worker = f.queue.worker({ env: f.env, concurrency: 4, pollIntervalMs: 100 });
    await worker.start();
    try {
      await until(
        async () => (await f.queue.admin(f.env).get(job.id)).state === 'failed',
        'the job to fail',
      );
    } finally {
      await worker.stop({ timeoutMs: 10 });
    }
    expect(await f.queue.admin(f.env).get(job.id)).toMatchObject({
      state: 'failed',
      retry: 2,
      excName: 'WorkerLostError',
      excMessage: 'job timed out',
    });
    expect(await notes(f.db)).toEqual([]);
  });
});
