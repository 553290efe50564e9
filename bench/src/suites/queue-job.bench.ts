/**
 * `@bindery/queue-job` side by side with raw pg-boss (same version and queue settings),
 * graphile-worker and BullMQ on the local Redis: enqueue one by one (B1), in bulk (B2), drain with
 * two worker processes (B3), idle dispatch latency (B4). spec/benchmarks.md §9.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensurePostgres } from '@bindery/model/postgres';
import { Worker } from 'bullmq';
import { run as runGraphile } from 'graphile-worker';
import { Redis } from 'ioredis';
import { PgBoss } from 'pg-boss';
import { freshDatabase } from '../fixtures/fresh-database.ts';
import {
  BULL_QUEUE,
  bullSystem,
  graphileSystem,
  latencyJob,
  latencyProbe,
  PGBOSS_QUEUE,
  pgBossSystem,
  queueJobSystem,
  REDIS_URL,
  silentLogger,
  type QueueSystem,
} from '../fixtures/queue-job-systems.ts';
import type { Measured } from '../harness/measure.ts';
import { compareAsyncRuns } from '../harness/measure-async.ts';
import { formatNumber } from '../harness/report.ts';
import { summarise } from '../harness/stats.ts';
import { defineSuite, type BenchResult } from '../harness/suite.ts';

const WORKER = fileURLToPath(new URL('../fixtures/queue-job-drain-worker.ts', import.meta.url));
const DRAIN_CONCURRENCY = 16;

interface Sizes {
  single: number;
  bulk: number;
  batch: number;
  drain: number;
  latency: number;
  warmup: number;
}

function byName(measured: readonly Measured[], name: string): Measured {
  const found = measured.find((m) => m.name === name);
  if (found === undefined) throw new Error(`no measurement named ${name}`);
  return found;
}

const rate = (jobs: number, m: Measured) => (jobs / m.stats.median) * 1000;

/** Rows for a throughput cell: queue-job first (baseline raw pg-boss), then each comparator with R = queue-job rate ÷ its rate. */
function throughputRows(
  id: string,
  label: string,
  jobs: number,
  measured: Measured[],
  ours: string,
  baseline: string,
): BenchResult[] {
  const mine = byName(measured, ours);
  const base = byName(measured, baseline);
  return measured.map((m) => {
    const r = rate(jobs, mine) / rate(jobs, m);
    const extra =
      `${formatNumber(rate(jobs, m))} jobs/s` +
      (m === mine ? '' : `; R = queue-job ÷ this = ${formatNumber(r)}`);
    return {
      id: `${id}.${m.name}`,
      name: `${label}: ${m.name}`,
      unit: 'ms',
      measured: m,
      extra,
      ...(m === mine ? { baseline: { name: base.name, measured: base } } : {}),
    };
  });
}

async function enqueueSingle(systems: QueueSystem[], n: number, reps: number): Promise<Measured[]> {
  return compareAsyncRuns(
    systems.map((system) => ({
      name: system.name,
      fn: {
        setup: system.reset,
        run: async () => {
          for (let i = 0; i < n; i++) await system.enqueueOne(i);
        },
      },
    })),
    { repetitions: reps, warmupRuns: 1 },
  );
}

async function enqueueBulk(
  systems: QueueSystem[],
  n: number,
  batch: number,
  reps: number,
): Promise<Measured[]> {
  const batches = Array.from({ length: n / batch }, (_, b) =>
    Array.from({ length: batch }, (_, i) => b * batch + i),
  );
  return compareAsyncRuns(
    systems.map((system) => ({
      name: system.name,
      fn: {
        setup: system.reset,
        run: async () => {
          for (const items of batches) await system.enqueueBulk(items);
        },
      },
    })),
    { repetitions: reps, warmupRuns: 1 },
  );
}

interface DrainVariant {
  readonly name: string;
  readonly system: QueueSystem;
  /** Worker process arguments: system, database url, concurrency, channels. */
  readonly args: string[];
}

function startWorker(args: string[]): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', WORKER, ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`drain worker exited (${code})`)));
  });
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  children.length = 0;
}

async function drain(
  variants: DrainVariant[],
  n: number,
  batch: number,
  reps: number,
): Promise<Measured[]> {
  const children: ChildProcess[] = [];
  const items = Array.from({ length: n }, (_, i) => i);
  const measured = await compareAsyncRuns(
    variants.map((variant) => ({
      name: variant.name,
      fn: {
        setup: async () => {
          await stopWorkers(children);
          await variant.system.reset();
          for (let i = 0; i < n; i += batch)
            await variant.system.enqueueBulk(items.slice(i, i + batch));
          children.push(
            ...(await Promise.all([startWorker(variant.args), startWorker(variant.args)])),
          );
        },
        run: async () => {
          for (const child of children) child.stdin?.write('go\n');
          while ((await variant.system.remaining()) > 0)
            await new Promise((resolve) => setTimeout(resolve, 20));
        },
      },
    })),
    { repetitions: reps, warmupRuns: 0 },
  );
  await stopWorkers(children);
  return measured;
}

interface LatencySide {
  readonly name: string;
  readonly enqueue: (i: number) => Promise<void>;
  readonly reset: () => Promise<void>;
}

/** Sequential enqueue → handler start, in ms: returns [p50, p99, max] per repetition. */
async function latency(
  sides: LatencySide[],
  sizes: Sizes,
  reps: number,
): Promise<Map<string, { p50: number[]; p99: number[]; max: number[] }>> {
  const out = new Map(
    sides.map((side) => [
      side.name,
      { p50: [] as number[], p99: [] as number[], max: [] as number[] },
    ]),
  );
  const waiters = new Map<number, (t: number) => void>();
  latencyProbe.hook = (i) => waiters.get(i)?.(performance.now());
  let next = 0;
  const once = async (side: LatencySide) => {
    const i = next++;
    const started = new Promise<number>((resolve) => waiters.set(i, resolve));
    const t0 = performance.now();
    await side.enqueue(i);
    const t1 = await started;
    waiters.delete(i);
    return t1 - t0;
  };
  for (let round = 0; round < reps; round++) {
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(round + k) % sides.length] as LatencySide;
      await side.reset();
      for (let w = 0; w < sizes.warmup; w++) await once(side);
      const samples: number[] = [];
      for (let s = 0; s < sizes.latency; s++) samples.push(await once(side));
      samples.sort((a, b) => a - b);
      const stats = out.get(side.name);
      stats?.p50.push(samples[Math.floor(samples.length * 0.5)] ?? 0);
      stats?.p99.push(samples[Math.floor(samples.length * 0.99)] ?? 0);
      stats?.max.push(samples[samples.length - 1] ?? 0);
    }
  }
  latencyProbe.hook = undefined;
  return out;
}

export default defineSuite({
  name: 'queue-job',
  title: '@bindery/queue-job vs raw pg-boss, graphile-worker and BullMQ',
  method: [
    'One PostgreSQL server (DATABASE_URL, or the embedded one @bindery/model/postgres starts), one database per system; Redis 127.0.0.1:6379 db 15 for BullMQ (removeOnComplete). synchronous_commit as the server has it (on by default).',
    'pg-boss 12.38 on both pg-boss sides, with the queue settings queue-job uses (standard policy, notify, retryLimit 4, retryDelay 0, no deletion). queue-job runs with channels root:0 (unlimited: single-statement claims) unless the row says root:32 (capacity enforced by the advisory-locked dispatcher).',
    'B1: 10,000 awaited single enqueues from one producer, outside any transaction (queue.for(env).delay / boss.send / addJob / queue.add). B2: 100,000 jobs in batches of 1,000 (delayMany / boss.insert / addJobs / addBulk). Jobs deleted and tables VACUUM ANALYZEd before each run (not timed).',
    'B3: 50,000 pre-filled no-op jobs, 2 worker processes × 16 concurrency, started before the clock; the clock runs from "go" until no job is left (polled every 20 ms). queue-job: worker({ concurrency: 16, batchSize: 16 }): claims of up to 16 jobs, each batch run in one transaction with a savepoint per job and one completion statement, as pg-boss\'s batch; "tx per job": batchSize 1, one transaction per job. pg-boss (batch): work({ batchSize: 16, burstWhenBatchFull }), one completion statement per batch. (pg-boss\'s transactional mode, work({ batchSize: 1, localConcurrency: 16, transactional: true }), which gives the same atomicity as queue-job, drained about 40 jobs/s in a trial here and is left out: it would take 20 minutes per run.) graphile-worker: run({ concurrency: 16 }). BullMQ: Worker concurrency 16.',
    'B4: in-process worker, 100 warm-up then 1,000 sequential enqueue → handler start (performance.now), p50/p99 per repetition; every side wakes on LISTEN/NOTIFY (pg-boss: useListenNotify + queue notify) or Redis blocking reads.',
    'Interleaved rotating order, ≥3 repetitions; tables show median (min–max) of the repetitions. R = queue-job rate ÷ comparator rate (for latency: comparator p50 ÷ queue-job p50), as spec/benchmarks.md §9. Targets from the issue: drain ≥ 0.9× raw pg-boss, p50 ≤ 5 ms.',
  ],
  async run({ repetitions, quick, log }) {
    const reps = repetitions ?? 3;
    const sizes: Sizes = quick
      ? { single: 500, bulk: 5_000, batch: 1_000, drain: 5_000, latency: 100, warmup: 20 }
      : { single: 10_000, bulk: 100_000, batch: 1_000, drain: 50_000, latency: 1_000, warmup: 100 };
    const server = await ensurePostgres();
    const urls = {
      queueJob: await freshDatabase(server.url, 'bench_queue_job'),
      pgBoss: await freshDatabase(server.url, 'bench_pgboss'),
      graphile: await freshDatabase(server.url, 'bench_graphile'),
    };
    const qj = await queueJobSystem(urls.queueJob);
    const pb = await pgBossSystem(urls.pgBoss);
    const gw = await graphileSystem(urls.graphile);
    const bq = await bullSystem();
    const systems: QueueSystem[] = [qj, pb, gw, bq];
    const results: BenchResult[] = [];
    try {
      log(`B1: ${sizes.single} single enqueues × ${reps}`);
      results.push(
        ...throughputRows(
          'enqueue.single',
          `B1 enqueue ${formatNumber(sizes.single)} one by one`,
          sizes.single,
          await enqueueSingle(systems, sizes.single, reps),
          qj.name,
          pb.name,
        ),
      );
      log(`B2: ${sizes.bulk} bulk enqueues × ${reps}`);
      results.push(
        ...throughputRows(
          'enqueue.bulk',
          `B2 enqueue ${formatNumber(sizes.bulk)} in bulk`,
          sizes.bulk,
          await enqueueBulk(systems, sizes.bulk, sizes.batch, reps),
          qj.name,
          pb.name,
        ),
      );
      log(`B3: drain ${sizes.drain} × ${reps}`);
      const c = String(DRAIN_CONCURRENCY);
      const qj32: QueueSystem = { ...qj, name: 'queue-job root:32' };
      const qjTx: QueueSystem = { ...qj, name: 'queue-job (tx per job)' };
      const pbBatch: QueueSystem = { ...pb, name: 'pg-boss (batch)' };
      const drained = await drain(
        [
          { name: 'queue-job', system: qj, args: ['queue-job', urls.queueJob, c, 'root:0', c] },
          { name: qjTx.name, system: qjTx, args: ['queue-job', urls.queueJob, c, 'root:0', '1'] },
          { name: qj32.name, system: qj32, args: ['queue-job', urls.queueJob, c, 'root:32', c] },
          { name: pbBatch.name, system: pbBatch, args: ['pg-boss', urls.pgBoss, c] },
          { name: gw.name, system: gw, args: ['graphile-worker', urls.graphile, c] },
          { name: bq.name, system: bq, args: ['bullmq', urls.graphile, c] },
        ],
        sizes.drain,
        sizes.batch,
        reps,
      );
      const drainLabel = `B3 drain ${formatNumber(sizes.drain)}, 2 processes`;
      results.push(
        ...throughputRows(
          'drain',
          drainLabel,
          sizes.drain,
          drained,
          'queue-job',
          'pg-boss (batch)',
        ),
      );
      for (const id of ['drain.queue-job root:32', 'drain.queue-job (tx per job)']) {
        const row = results.find((r) => r.id === id);
        if (row !== undefined)
          Object.assign(row, {
            baseline: { name: 'pg-boss (batch)', measured: byName(drained, 'pg-boss (batch)') },
          });
      }
      log(`B4: latency ${sizes.latency} × ${reps}`);
      results.push(...(await latencyResults({ qj, pb, gw, bq }, urls, sizes, reps)));
    } finally {
      for (const system of systems) await system.close().catch(() => undefined);
      await server.stop();
    }
    return results;
  },
});

interface Systems {
  readonly qj: Awaited<ReturnType<typeof queueJobSystem>>;
  readonly pb: QueueSystem;
  readonly gw: QueueSystem;
  readonly bq: QueueSystem;
}

async function latencyResults(
  { qj, pb, gw, bq }: Systems,
  urls: { queueJob: string; pgBoss: string; graphile: string },
  sizes: Sizes,
  reps: number,
): Promise<BenchResult[]> {
  const worker = qj.queue.worker({ env: qj.env, concurrency: 4, cron: false, vacuumIntervalMs: 0 });
  await worker.start();
  const listener = new PgBoss({
    connectionString: urls.pgBoss,
    max: 4,
    supervise: false,
    schedule: false,
    useListenNotify: true,
  });
  await listener.start();
  await listener.work<{ i: number }>(PGBOSS_QUEUE, { pollingIntervalSeconds: 2 }, ([job]) =>
    Promise.resolve(latencyProbe.hook?.(job?.data.i ?? -1)),
  );
  const graphile = await runGraphile({
    connectionString: urls.graphile,
    concurrency: 4,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: silentLogger,
    taskList: {
      noop: (payload) => Promise.resolve(latencyProbe.hook?.((payload as { i: number }).i)),
    },
  });
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const bull = new Worker<{ i: number }>(
    BULL_QUEUE,
    (job) => Promise.resolve(latencyProbe.hook?.(job.data.i)),
    { connection, concurrency: 4 },
  );
  await bull.waitUntilReady();
  const enqueue = qj.queue.for(qj.env);
  try {
    const stats = await latency(
      [
        {
          name: 'queue-job',
          enqueue: async (i) => void (await enqueue.delay(latencyJob, { i })),
          reset: qj.reset,
        },
        { name: 'pg-boss (notify)', enqueue: pb.enqueueOne, reset: pb.reset },
        { name: 'graphile-worker', enqueue: gw.enqueueOne, reset: gw.reset },
        { name: 'BullMQ (Redis)', enqueue: bq.enqueueOne, reset: bq.reset },
      ],
      sizes,
      reps,
    );
    const mine = stats.get('queue-job');
    const results: BenchResult[] = [];
    for (const [name, s] of stats) {
      const p50: Measured = {
        name,
        stats: summarise(s.p50),
        opsPerSample: sizes.latency,
        cpuPerWall: 0,
      };
      const p99: Measured = {
        name,
        stats: summarise(s.p99),
        opsPerSample: sizes.latency,
        cpuPerWall: 0,
      };
      const r = mine === undefined ? undefined : p50.stats.median / summarise(mine.p50).median;
      const maxText = `max ${formatNumber(summarise(s.max).median)} ms`;
      results.push({
        id: `latency.p50.${name}`,
        name: `B4 latency p50: ${name}`,
        unit: 'ms',
        measured: p50,
        extra:
          name === 'queue-job'
            ? maxText
            : `${maxText}; R = this ÷ queue-job = ${formatNumber(r ?? 0)}`,
        ...(name === 'queue-job' ? { target: { max: 5, label: '≤ 5 ms' } } : {}),
      });
      results.push({
        id: `latency.p99.${name}`,
        name: `B4 latency p99: ${name}`,
        unit: 'ms',
        measured: p99,
      });
    }
    return results;
  } finally {
    await worker.stop();
    await listener.stop({ graceful: false });
    await graphile.stop();
    await bull.close();
    connection.disconnect();
  }
}
