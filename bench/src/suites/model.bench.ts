/**
 * `@bindery/model`: record API overhead next to the same statements in raw Kysely, on a real
 * PostgreSQL (DATABASE_URL, or one the suite starts itself).
 */
import { sql } from 'kysely';
import { openBenchModelDb, type BenchModelDb } from '../fixtures/model-db.ts';
import type { Measured } from '../harness/measure.ts';
import { compareAsyncRuns } from '../harness/measure-async.ts';
import { formatNumber } from '../harness/report.ts';
import { defineSuite, type BenchResult } from '../harness/suite.ts';

const SINGLE = 10_000;
const BULK = 10_000;
const WRITES = 2_000;

function byName(measured: readonly Measured[], name: string): Measured {
  const found = measured.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no measurement named ${name}`);
  return found;
}

const item = (i: number) => ({ name: `item ${i}`, qty: i, price: '9.99' });

function rate(count: number, measured: Measured): string {
  return `${formatNumber((count / measured.stats.median) * 1000)} rows/s`;
}

async function singleCreates(bench: BenchModelDb, count: number, repetitions: number) {
  return compareAsyncRuns(
    [
      {
        name: 'model',
        fn: {
          setup: bench.reset,
          run: async () => {
            const api = bench.env.model('bench.item');
            for (let i = 0; i < count; i++) await api.create(item(i));
          },
        },
      },
      {
        name: 'raw',
        fn: {
          setup: bench.reset,
          run: async () => {
            for (let i = 0; i < count; i++)
              await bench.raw.insertInto('bench_item').values(item(i)).returningAll().execute();
          },
        },
      },
    ],
    { repetitions },
  );
}

async function bulkCreate(bench: BenchModelDb, count: number, repetitions: number) {
  const rows = Array.from({ length: count }, (_, i) => item(i));
  return compareAsyncRuns(
    [
      {
        name: 'model',
        fn: { setup: bench.reset, run: () => bench.env.model('bench.item').create(rows) },
      },
      {
        name: 'raw',
        fn: {
          setup: bench.reset,
          run: () => bench.raw.insertInto('bench_item').values(rows).returningAll().execute(),
        },
      },
    ],
    { repetitions },
  );
}

async function writes(bench: BenchModelDb, count: number, repetitions: number) {
  const seed = async () => {
    await bench.reset();
    await sql`insert into bench_item (name, qty) select 'w' || g, g from generate_series(1, ${count}) g`.execute(
      bench.raw,
    );
  };
  const loop = (write: (id: number, qty: number) => Promise<unknown>) => async () => {
    for (let id = 1; id <= count; id++) await write(id, id + 1);
  };
  return compareAsyncRuns(
    [
      {
        name: 'model, 0 listeners',
        fn: {
          setup: seed,
          run: loop((id, qty) => bench.env.model('bench.item').write(id, { qty })),
        },
      },
      {
        name: `model, ${bench.listenerCount} listeners`,
        fn: {
          setup: seed,
          run: loop((id, qty) => bench.envWithListeners.model('bench.item').write(id, { qty })),
        },
      },
      {
        name: 'raw',
        fn: {
          setup: seed,
          run: loop((id, qty) =>
            bench.raw
              .updateTable('bench_item')
              .set({ qty })
              .where('id', '=', id)
              .returningAll()
              .execute(),
          ),
        },
      },
    ],
    { repetitions },
  );
}

export default defineSuite({
  name: 'model',
  title: '@bindery/model: record API vs raw Kysely',
  method: [
    'Real PostgreSQL: DATABASE_URL, or a server the suite starts itself (@bindery/model/postgres); a fresh database bench_model, one table bench_item(id serial, name text, qty integer, price numeric(12,2), active boolean).',
    `Single creates: ${SINGLE} awaited env.model('bench.item').create({...}) calls vs the same ${SINGLE} inserts in raw Kysely (insertInto(...).values(...).returningAll()), one connection at a time; the table is truncated (untimed) before each run.`,
    `Bulk create: one create() of ${BULK} rows vs one raw multi-row insert with returningAll().`,
    `Writes: ${WRITES} awaited single-record write(id, { qty }) with no listener, with 5 onRecordWrite listeners (then each write runs in its own transaction with its listeners), and the raw update ... returning *.`,
    'Runs interleaved (rotating order), 1 warm-up + N measured runs each; median (min–max) ms per run. Ratio = model time ÷ raw time; a throughput target of ≥ 0.8× raw means a time ratio ≤ 1.25, ≥ 0.95× means ≤ 1.053.',
    'synchronous_commit is the server default (on).',
  ],
  async run(context) {
    const repetitions = context.repetitions ?? (context.quick ? 3 : 5);
    const scale = context.quick ? 0.2 : 1;
    const bench = await openBenchModelDb('bench_model');
    try {
      context.log(`model: ${Math.round(SINGLE * scale)} single creates, model vs raw`);
      const single = await singleCreates(bench, Math.round(SINGLE * scale), repetitions);
      context.log(`model: bulk create of ${BULK} rows`);
      const bulk = await bulkCreate(bench, BULK, repetitions);
      context.log(
        `model: ${Math.round(WRITES * scale)} writes with 0 and ${bench.listenerCount} listeners`,
      );
      const written = await writes(bench, Math.round(WRITES * scale), repetitions);
      const singleRaw = byName(single, 'raw');
      const bulkRaw = byName(bulk, 'raw');
      const writeRaw = byName(written, 'raw');
      const n = Math.round(SINGLE * scale);
      const w = Math.round(WRITES * scale);
      const results: BenchResult[] = [
        {
          id: 'create.single',
          name: `${n} single-row create() calls`,
          unit: 'ms',
          measured: byName(single, 'model'),
          baseline: { name: 'raw Kysely', measured: singleRaw },
          target: { max: singleRaw.stats.median / 0.8, label: '≥ 0.8× raw (time ≤ 1.25×)' },
          extra: rate(n, byName(single, 'model')),
        },
        {
          id: 'create.single.raw',
          name: `raw Kysely: ${n} single inserts`,
          unit: 'ms',
          measured: singleRaw,
          extra: rate(n, singleRaw),
        },
        {
          id: 'create.bulk',
          name: `one create() of ${BULK} rows`,
          unit: 'ms',
          measured: byName(bulk, 'model'),
          baseline: { name: 'raw multi-row insert', measured: bulkRaw },
          target: { max: bulkRaw.stats.median / 0.95, label: '≥ 0.95× raw (time ≤ 1.053×)' },
          extra: rate(BULK, byName(bulk, 'model')),
        },
        {
          id: 'create.bulk.raw',
          name: `raw Kysely: one insert of ${BULK} rows`,
          unit: 'ms',
          measured: bulkRaw,
          extra: rate(BULK, bulkRaw),
        },
      ];
      for (const name of ['model, 0 listeners', `model, ${bench.listenerCount} listeners`]) {
        const measured = byName(written, name);
        results.push({
          id: `write.${name.replace(/\W+/g, '-')}`,
          name: `${w} writes, ${name}`,
          unit: 'ms',
          measured,
          baseline: { name: 'raw update', measured: writeRaw },
          extra: `${formatNumber((measured.stats.median * 1000) / w)} µs/write`,
        });
      }
      results.push({
        id: 'write.raw',
        name: `raw Kysely: ${w} updates`,
        unit: 'ms',
        measured: writeRaw,
        extra: `${formatNumber((writeRaw.stats.median * 1000) / w)} µs/write`,
      });
      return results;
    } finally {
      await bench.close();
    }
  },
});
