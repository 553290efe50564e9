import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueFixture, type QueueFixture } from '../__fixtures__/queue-fixture.js';
import { writeNote } from '../__fixtures__/test-jobs.js';
import { QueueJob } from '../queue-job.js';
import { JobDispatcher } from './job-dispatcher.js';

// queue_job's ChannelManager doctests (§1.9.5), replayed against the database dispatcher that
// every worker process shares.

let f: QueueFixture;
const queues: QueueJob[] = [];
beforeAll(async () => {
  f = await createQueueFixture();
});
afterAll(async () => {
  await Promise.all(queues.map((q) => q.stop()));
  await f.close();
});
beforeEach(async () => {
  await sql`delete from pgboss.job`.execute(f.db);
  await sql`delete from queue_job_channel_state`.execute(f.db);
});

async function scenario(channels: string) {
  const queue = new QueueJob({
    registries: f.registries,
    connectionString: f.database.url,
    channels,
    poolSize: 2,
  });
  await queue.start({ supervise: false });
  queues.push(queue);
  const dispatcher = new JobDispatcher(queue.runtime, f.db);
  const ids = new Map<string, string>();
  const add = async (note: string, channel: string, priority = 10) => {
    const job = await queue.for(f.env).delay(writeNote, { note }, { channel, priority });
    ids.set(note, job.id);
  };
  const run = async () =>
    (await dispatcher.claim(10)).jobs.map((job) => (job.data.args as { note: string }).note);
  const set = async (note: string, assignments: ReturnType<typeof sql>) => {
    await sql`update pgboss.job set ${assignments} where id = ${ids.get(note)}`.execute(f.db);
  };
  return { add, run, set, dispatcher };
}

describe('database dispatcher: channel capacities across processes', () => {
  it('(a) bounds concurrency by every channel on the path', async () => {
    const { add, run, set } = await scenario('root:4,A:4,B:1');
    for (let i = 1; i <= 6; i++) await add(`A${i}`, 'A');
    await add('B1', 'B', 5);
    await add('B2', 'B', 5);
    expect(await run()).toEqual(['B1', 'A1', 'A2', 'A3']);
    await set('A2', sql`state = 'completed'`);
    expect(await run()).toEqual(['A4']);
    await set('B1', sql`state = 'completed'`);
    expect(await run()).toEqual(['B2']);
    await set('A1', sql`state = 'completed'`);
    await set('A6', sql`priority = -5`);
    expect(await run()).toEqual(['A6']);
  });

  it('(b) throttles starts across workers', async () => {
    const { add, run, dispatcher } = await scenario('root:4,A:4:throttle=2');
    await add('A1', 'A');
    await add('A2', 'A');
    expect(await run()).toEqual(['A1']);
    const { jobs, wakeupAt } = await dispatcher.claim(10);
    expect(jobs).toEqual([]);
    expect(wakeupAt).toBeGreaterThan(Date.now());
    expect(wakeupAt).toBeLessThanOrEqual(Date.now() + 2100);
    await sql`update queue_job_channel_state set last_started_at = now() - interval '3 seconds'`.execute(
      f.db,
    );
    expect(await run()).toEqual(['A2']);
  });

  it('(e) blocks a sequential channel on failure and never overtakes a job that is not due', async () => {
    const { add, run, set } = await scenario('root:4,S:1:sequential');
    for (let i = 1; i <= 3; i++) await add(`S${i}`, 'S');
    expect(await run()).toEqual(['S1']);
    await set('S1', sql`state = 'failed'`);
    expect(await run()).toEqual([]);
    await set('S2', sql`start_after = now() + interval '1 hour'`);
    expect(await run()).toEqual([]);
    await set('S1', sql`state = 'created'`);
    expect(await run()).toEqual(['S1']);
    expect(await run()).toEqual([]);
    await set('S1', sql`state = 'completed'`);
    expect(await run()).toEqual([]);
    await set('S2', sql`start_after = now()`);
    expect(await run()).toEqual(['S2']);
    await set('S2', sql`state = 'completed'`);
    expect(await run()).toEqual(['S3']);
    await set('S3', sql`state = 'completed'`);
    expect(await run()).toEqual([]);
  });

  it('falls back to the nearest configured channel for sub-channels (QJ-59)', async () => {
    const { add, run } = await scenario('root:4,root.shop:1');
    await add('o1', 'root.shop.orders');
    await add('p1', 'root.shop.products');
    await add('n1', 'root.notes');
    expect(await run()).toEqual(['o1', 'n1']);
  });
});
