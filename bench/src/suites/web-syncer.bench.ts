/**
 * B9 — `@bindery/web-syncer`: the write path with the syncer on vs off (and a per-row
 * `pg_notify` trigger), commit → client latency at light load, and fan-out to 1,000 WebSocket
 * clients, each next to a minimal LISTEN + `ws` broadcaster in the same run.
 */
import { performance } from 'node:perf_hooks';
import type { Env } from '@bindery/model';
import { sql } from 'kysely';
import { startBroadcaster } from '../fixtures/web-syncer-broadcaster.ts';
import { connectFleet, quantile, type ClientKind } from '../fixtures/web-syncer-clients.ts';
import {
  openWebSyncerBench,
  startBenchSyncer,
  type WebSyncerBenchApp,
} from '../fixtures/web-syncer-app.ts';
import type { Measured } from '../harness/measure.ts';
import { compareAsyncRuns } from '../harness/measure-async.ts';
import { formatNumber } from '../harness/report.ts';
import { summarise } from '../harness/stats.ts';
import { defineSuite, type BenchResult, type SuiteContext } from '../harness/suite.ts';

const CONCURRENCY = 8;
const FAN_OUT_CLIENTS = 1000;
const P99_BUDGET_MS = 100;

function measuredOf(name: string, samples: number[]): Measured {
  return { name, stats: summarise(samples), opsPerSample: 1, cpuPerWall: Number.NaN };
}

function byName(measured: readonly Measured[], name: string): Measured {
  const found = measured.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no measurement named ${name}`);
  return found;
}

/** `count` transactions (create + write one record each), `CONCURRENCY` at a time. */
function transactions(env: Env, model: string, count: number): () => Promise<void> {
  return async () => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const i = next++;
        await env.transaction(async (tx) => {
          const record = await tx.model(model).create({ name: `task ${i}`, qty: i });
          await tx.model(model).write(record['id'] as number, { stage: 'done' });
        });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };
}

/** B9a: µs per transaction, syncer off / on / per-row trigger. */
async function writePath(app: WebSyncerBenchApp, context: SuiteContext): Promise<BenchResult[]> {
  const count = context.quick ? 300 : 2000;
  context.log(`write path: ${count} transactions × 3 variants`);
  const server = await startBenchSyncer(app); // a dispatcher runs: writers see the wake flag and NOTIFY
  try {
    const runs = await compareAsyncRuns(
      [
        {
          name: 'off',
          fn: { setup: app.reset, run: transactions(app.syncerOff, 'bench.task', count) },
        },
        {
          name: 'on',
          fn: { setup: app.reset, run: transactions(app.syncerOn, 'bench.task', count) },
        },
        {
          name: 'trigger',
          fn: { setup: app.reset, run: transactions(app.syncerOff, 'bench.ntask', count) },
        },
      ],
      { repetitions: context.repetitions ?? 5, warmupRuns: 1 },
    );
    const perTx = (m: Measured, name: string): Measured =>
      measuredOf(
        name,
        m.stats.samples.map((ms) => (ms * 1000) / count),
      );
    const off = perTx(byName(runs, 'off'), 'syncer off');
    const on = perTx(byName(runs, 'on'), 'web-syncer on');
    const trigger = perTx(byName(runs, 'trigger'), 'per-row pg_notify trigger');
    const tps = (m: Measured): string => `${formatNumber(1e6 / m.stats.median)} tx/s`;
    return [
      {
        id: 'write.on',
        name: `B9a write path, web-syncer on (create + write per tx, ${CONCURRENCY} concurrent)`,
        unit: 'µs/tx',
        measured: on,
        target: { max: off.stats.median / 0.9, label: '≥ 0.9× off tx/s' },
        baseline: { name: 'syncer off', measured: off },
        extra: `${tps(on)}; ${formatNumber(off.stats.median / on.stats.median)}× off tx/s`,
      },
      {
        id: 'write.off',
        name: 'B9a write path, syncer off (no listener)',
        unit: 'µs/tx',
        measured: off,
        extra: tps(off),
      },
      {
        id: 'write.trigger',
        name: 'B9a write path, per-row pg_notify trigger (no outbox)',
        unit: 'µs/tx',
        measured: trigger,
        baseline: { name: 'syncer off', measured: off },
        extra: `${tps(trigger)}; ${formatNumber(off.stats.median / trigger.stats.median)}× off tx/s`,
      },
    ];
  } finally {
    await server.close();
  }
}

/** One transaction creating a record named `name`; `sentAt` is set just before COMMIT. */
async function produce(
  app: WebSyncerBenchApp,
  kind: ClientKind,
  name: string,
  sentAt: Map<string, number>,
): Promise<void> {
  if (kind === 'web-syncer') {
    await app.syncerOn.transaction(async (tx) => {
      await tx.model('bench.task').create({ name });
      sentAt.set(name, performance.now());
    });
  } else {
    await app.raw.transaction().execute(async (trx) => {
      await sql`insert into raw_task (name) values (${name})`.execute(trx);
      sentAt.set(name, performance.now());
    });
  }
}

interface System {
  readonly kind: ClientKind;
  readonly url: string;
}

/** Latencies (ms) of `count` sequential commits to one client, 10 ms apart. */
async function lightLoad(
  app: WebSyncerBenchApp,
  system: System,
  channel: string,
  count: number,
): Promise<number[]> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let waiting: (() => void) | undefined;
  const fleet = await connectFleet(system.url, system.kind, channel, 1, (name, at) => {
    const sent = sentAt.get(name);
    if (sent !== undefined) latencies.push(at - sent);
    waiting?.();
  });
  try {
    for (let i = 0; i < count; i++) {
      const arrived = new Promise<void>((resolve) => (waiting = resolve));
      await produce(app, system.kind, `light ${system.kind} ${i} ${Math.random()}`, sentAt);
      await Promise.race([arrived, new Promise((resolve) => setTimeout(resolve, 1000))]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    fleet.close();
  }
  return latencies;
}

/** Open-loop load at `rate` commits/s for `seconds` to `clients` clients; delivered frames/s and p99. */
async function fanOutStep(
  app: WebSyncerBenchApp,
  system: System,
  channel: string,
  clients: number,
  rate: number,
  seconds: number,
): Promise<{ framesPerSecond: number; p99: number; p50: number }> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const fleet = await connectFleet(system.url, system.kind, channel, clients, (name, at) => {
    const sent = sentAt.get(name);
    if (sent !== undefined) latencies.push(at - sent);
  });
  try {
    const total = Math.round(rate * seconds);
    const start = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(produce(app, system.kind, `fan ${system.kind} ${rate} ${i}`, sentAt));
    }
    await Promise.all(pending);
    const expected = total * clients;
    const deadline = performance.now() + 5000;
    while (latencies.length < expected && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const elapsed = (performance.now() - start) / 1000;
    const lost = expected - latencies.length;
    const p99 = lost > expected * 0.01 ? Number.POSITIVE_INFINITY : quantile(latencies, 0.99);
    return {
      framesPerSecond: latencies.length / Math.max(seconds, elapsed),
      p99,
      p50: quantile(latencies, 0.5),
    };
  } finally {
    fleet.close();
  }
}

/** The highest delivered frames/s with p99 ≤ budget on a doubling ladder of commit rates. */
async function maxRate(
  app: WebSyncerBenchApp,
  system: System,
  channel: string,
  context: SuiteContext,
): Promise<number> {
  const clients = context.quick ? 200 : FAN_OUT_CLIENTS;
  const seconds = context.quick ? 1 : 3;
  let best = 0;
  for (let rate = 10; rate <= 1280; rate *= 2) {
    await app.reset();
    const step = await fanOutStep(app, system, channel, clients, rate, seconds);
    context.log(
      `  ${system.kind} ${rate} commits/s → ${formatNumber(step.framesPerSecond)} notifications/s, p50 ${formatNumber(step.p50)} ms, p99 ${formatNumber(step.p99)} ms`,
    );
    if (step.p99 <= P99_BUDGET_MS) best = Math.max(best, step.framesPerSecond);
    if (step.p99 > 250) break;
  }
  return best;
}

/** B9b: light-load latency and fan-out, web-syncer vs broadcaster, interleaved. */
async function delivery(app: WebSyncerBenchApp, context: SuiteContext): Promise<BenchResult[]> {
  const server = await startBenchSyncer(app);
  const broadcaster = await startBroadcaster(app.url);
  const channel = `${server.syncer.database}:bench.task`;
  const systems: System[] = [
    { kind: 'web-syncer', url: server.url },
    { kind: 'broadcaster', url: broadcaster.url },
  ];
  const repetitions = context.repetitions ?? 3;
  const samples = {
    p50: [[], []] as number[][],
    p99: [[], []] as number[][],
    fan: [[], []] as number[][],
  };
  try {
    for (let round = 0; round < repetitions; round++) {
      for (let k = 0; k < systems.length; k++) {
        const index = (round + k) % systems.length;
        const system = systems[index] as System;
        context.log(`round ${round + 1}: ${system.kind}`);
        const latencies = await lightLoad(app, system, channel, context.quick ? 50 : 300);
        samples.p50[index]?.push(quantile(latencies, 0.5));
        samples.p99[index]?.push(quantile(latencies, 0.99));
        samples.fan[index]?.push(await maxRate(app, system, channel, context));
      }
    }
  } finally {
    await broadcaster.close();
    await server.close();
  }
  const m = (key: keyof typeof samples, index: number, name: string): Measured =>
    measuredOf(name, samples[key][index] ?? []);
  const rawP50 = m('p50', 1, 'broadcaster p50');
  const rawP99 = m('p99', 1, 'broadcaster p99');
  const rawFan = m('fan', 1, 'broadcaster');
  return [
    {
      id: 'latency.p50',
      name: 'B9b commit → client p50, light load (1 client, 300 commits)',
      unit: 'ms',
      measured: m('p50', 0, 'p50'),
      target: { max: 5, label: '≤ 5 ms' },
      baseline: { name: 'broadcaster', measured: rawP50 },
    },
    {
      id: 'latency.p99',
      name: 'B9b commit → client p99, light load',
      unit: 'ms',
      measured: m('p99', 0, 'p99'),
      baseline: { name: 'broadcaster', measured: rawP99 },
    },
    {
      id: 'latency.broadcaster.p50',
      name: 'minimal LISTEN + ws broadcaster p50, light load',
      unit: 'ms',
      measured: rawP50,
    },
    {
      id: 'fanout',
      name: `B9b fan-out to ${context.quick ? 200 : FAN_OUT_CLIENTS} clients: notifications delivered/s at p99 ≤ ${P99_BUDGET_MS} ms`,
      unit: 'notif/s',
      measured: m('fan', 0, 'web-syncer'),
      baseline: { name: 'broadcaster (higher is better)', measured: rawFan },
    },
    {
      id: 'fanout.broadcaster',
      name: 'minimal LISTEN + ws broadcaster: notifications/s at p99 ≤ 100 ms',
      unit: 'notif/s',
      measured: rawFan,
    },
  ];
}

export default defineSuite({
  name: 'web-syncer',
  title: 'web-syncer: write path, commit → client latency, fan-out (B9)',
  method: [
    'PostgreSQL: DATABASE_URL, or an embedded server the suite starts; synchronous_commit as configured (on by default). One process runs PostgreSQL clients, the web-syncer server, the comparator and every simulated client on the same 2 cores.',
    `B9a: ${CONCURRENCY} concurrent workers, each transaction creates a record then writes it (model API, one pool of 8). Variants interleaved, tables and outbox truncated before each run: "off" = same model without the web-syncer listener; "on" = with it, a web-syncer server (dispatcher, LISTEN) running; "trigger" = no listener, a per-row trigger doing pg_notify(row_to_json). Reported per transaction; target = off median ÷ 0.9.`,
    "B9b light load: one client, 300 sequential commits 10 ms apart; latency = client receive time − the moment just before COMMIT (same process clock); median over repetitions of each run's p50 / p99.",
    `B9b fan-out: ${FAN_OUT_CLIENTS} ws clients (one subscribed channel each; every client parses every frame), open-loop commits of one record each at 10, 20, 40... commits/s for 3 s per step; a step counts when ≥ 99% of deliveries arrived and p99 ≤ ${P99_BUDGET_MS} ms; the ladder stops above 250 ms. Figure: the highest number of notifications delivered per second (deliveries to all clients ÷ step time) that met the budget; median over repetitions. The broadcaster sends one frame per notification; the web-syncer puts the events of one dispatcher round in one frame per client, so under load it sends fewer, larger frames.`,
    'Comparator: a minimal LISTEN + ws broadcaster in the same run: a per-row trigger NOTIFYs the row, one LISTEN connection frames it once and sends it to every socket (no outbox, ordering, catch-up or authorization).',
  ],
  async run(context) {
    // WEB_SYNCER_BENCH=write or =delivery runs one part only (while working on it).
    const part = process.env['WEB_SYNCER_BENCH'];
    const app = await openWebSyncerBench();
    try {
      return [
        ...(part === 'delivery' ? [] : await writePath(app, context)),
        ...(part === 'write' ? [] : await delivery(app, context)),
      ];
    } finally {
      await app.close();
    }
  },
});
