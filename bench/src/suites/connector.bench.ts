/**
 * `@bindery/connector`: the mapper next to a hand-written mapping function, and the import
 * pipeline (importer → mapper → binder → create, 500 records per job) next to a hand-written
 * Kysely loop doing the same writes, on a real PostgreSQL (DATABASE_URL, or one the suite starts).
 */
import {
  importBatch,
  toDecimalString,
  toInteger,
  toNumber,
  type MapperComponent,
} from '@bindery/connector';
import type { Env } from '@bindery/model';
import type { JobInfo } from '@bindery/queue-job';
import {
  externalProduct,
  openConnectorBench,
  WIDE_FIELDS,
  type ConnectorBench,
} from '../fixtures/connector-db.ts';
import type { Measured } from '../harness/measure.ts';
import { compareAsyncRuns } from '../harness/measure-async.ts';
import { formatNumber } from '../harness/report.ts';
import { defineSuite, type BenchResult } from '../harness/suite.ts';

const PIPELINE = 20_000;
const PER_JOB = 500;
const PER_RECORD = 2_000;
const MAPPED = 5_000;

function byName(measured: readonly Measured[], name: string): Measured {
  const found = measured.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no measurement named ${name}`);
  return found;
}

const perSecond = (count: number, measured: Measured) => (count / measured.stats.median) * 1000;
const rate = (count: number, measured: Measured) =>
  `${formatNumber(perSecond(count, measured))} records/s`;

/** A wide record: 20 mapped fields (and one extra the mapping ignores) with 5 lines. */
function wideRecord(i: number): Record<string, unknown> {
  const record: Record<string, unknown> = { extra: 'ignored' };
  for (const name of WIDE_FIELDS) record[name] = `${name}-${i}`;
  Object.assign(record, {
    n0: '1.5',
    n1: 2,
    n2: '3',
    n3: i,
    d0: '9.99',
    i0: '42',
    o0: null,
    o1: 'x',
  });
  record['lines'] = Array.from({ length: 5 }, (_, j) => ({
    product: `L${j}`,
    qty: `${j + 1}`,
    price: '2.50',
    discount: j % 2 ? null : 0,
    note: 'n',
  }));
  return record;
}

/** The same mapping, written by hand with the same converters. */
function handMap(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of WIDE_FIELDS) out[name] = record[name] ?? null;
  const conv = <T>(value: unknown, fn: (v: unknown) => T): T | null =>
    value == null ? null : fn(value);
  out['n0'] = conv(record['n0'], toNumber);
  out['n1'] = conv(record['n1'], toNumber);
  out['n2'] = conv(record['n2'], toNumber);
  out['n3'] = conv(record['n3'], toNumber);
  out['d0'] = conv(record['d0'], toDecimalString);
  out['i0'] = conv(record['i0'], toInteger);
  out['o0'] = record['o0'] ?? null;
  out['o1'] = record['o1'] ?? null;
  const lines = (record['lines'] as Record<string, unknown>[]).map((line) => ({
    values: {
      product: line['product'] ?? null,
      qty: conv(line['qty'], toInteger),
      price: conv(line['price'], toDecimalString),
      discount: line['discount'] ?? null,
      note: line['note'] ?? null,
    },
  }));
  out['line_ids'] = { create: lines };
  return out;
}

async function mapperRuns(
  bench: ConnectorBench,
  count: number,
  repetitions: number,
): Promise<Measured[]> {
  const records = Array.from({ length: count }, (_, i) => wideRecord(i));
  const mapper = bench.backend
    .workOn('bench.wide')
    .component({ usage: 'import.mapper' }) as MapperComponent;
  const sample = await mapper
    .mapRecord(records[1] as Record<string, unknown>)
    .values({ forCreate: true });
  const expected = handMap(records[1] as Record<string, unknown>);
  for (const key of Object.keys(expected)) {
    if (key === 'line_ids') continue;
    if (sample[key] !== expected[key])
      throw new Error(`mapper and hand-written disagree on ${key}`);
  }
  const sink: unknown[] = [];
  return compareAsyncRuns(
    [
      {
        name: 'mapper',
        fn: {
          run: async () => {
            for (const record of records)
              sink[sink.length & 63] = await mapper.mapRecord(record).values({ forCreate: true });
          },
        },
      },
      {
        name: 'hand-written',
        fn: {
          run: () => {
            for (const record of records) sink[sink.length & 63] = handMap(record);
            return Promise.resolve();
          },
        },
      },
    ],
    { repetitions },
  );
}

function jobInfo(): JobInfo {
  return {
    id: 'bench',
    functionName: importBatch.name,
    description: 'bench',
    channel: 'root',
    priority: 10,
    retry: 1,
    maxRetries: 5,
    graphId: undefined,
    identityKey: undefined,
    batchId: undefined,
    createdAt: new Date(),
  };
}

/** The connector: one `importBatch` job per 500 records, each in its own transaction (as a worker runs it). */
async function connectorImport(bench: ConnectorBench, count: number): Promise<void> {
  const signal = new AbortController().signal;
  for (let offset = 0; offset < count; offset += PER_JOB) {
    await bench.env.transaction((tx: Env) =>
      Promise.resolve(
        importBatch.run(
          { env: tx, job: jobInfo(), signal, autonomous: (fn) => bench.env.transaction(fn) },
          {
            backend: bench.backend.ref,
            model: 'bench.product.binding',
            filters: { offset, limit: Math.min(PER_JOB, count - offset) },
          },
        ),
      ),
    );
  }
}

/** The connector record by record: `importer.run(id)` for each record, 500 per transaction. */
async function connectorPerRecord(bench: ConnectorBench, count: number): Promise<void> {
  for (let offset = 0; offset < count; offset += PER_JOB) {
    await bench.env.transaction(async (tx: Env) => {
      const work = bench.backend.withEnv(tx).workOn('bench.product.binding');
      const ids = await bench.api.search('products', {
        offset,
        limit: Math.min(PER_JOB, count - offset),
      });
      for (const id of ids) await work.component({ usage: 'record.importer' }).run(id);
    });
  }
}

/** Hand-written: the same reads and the same two inserts per record, 500 per transaction. */
async function handImport(bench: ConnectorBench, count: number): Promise<void> {
  const backendId = bench.backend.id as number;
  for (let offset = 0; offset < count; offset += PER_JOB) {
    await bench.raw.transaction().execute(async (trx) => {
      const ids = await bench.api.search('products', {
        offset,
        limit: Math.min(PER_JOB, count - offset),
      });
      for (const id of ids) {
        const r = await bench.api.read('products', id);
        const product = await trx
          .insertInto('bench_product')
          .values({
            name: r['name'] as string,
            code: (r['sku'] as string | undefined) ?? null,
            price: r['price'] == null ? null : toDecimalString(r['price']),
            qty: r['qty'] == null ? null : toInteger(r['qty']),
            active: (r['active'] as boolean | undefined) ?? null,
            weight: r['weight'] == null ? null : toDecimalString(r['weight']),
            color: (r['color'] as string | undefined) ?? null,
            brand: (r['brand'] as string | undefined) ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('bench_product_binding')
          .values({
            backend_id: backendId,
            external_id: id,
            record_id: product.id,
            sync_date: new Date(),
          })
          .execute();
      }
    });
  }
}

async function checkImported(bench: ConnectorBench, count: number): Promise<void> {
  const products = await bench.raw
    .selectFrom('bench_product')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const bindings = await bench.raw
    .selectFrom('bench_product_binding')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('external_id', 'is not', null)
    .executeTakeFirstOrThrow();
  if (Number(products.n) !== count || Number(bindings.n) !== count) {
    throw new Error(`expected ${count} products and bindings, got ${products.n} and ${bindings.n}`);
  }
  const sample = await bench.raw
    .selectFrom('bench_product')
    .selectAll()
    .where('code', '=', 'SKU-7')
    .executeTakeFirstOrThrow();
  const expected = externalProduct(7);
  if (sample.name !== expected['name'] || sample.active !== false || sample.qty !== 7)
    throw new Error('imported data differs');
}

export default defineSuite({
  name: 'connector',
  title: '@bindery/connector: mapper and import pipeline vs hand-written code',
  method: [
    'Real PostgreSQL: DATABASE_URL, or a server the suite starts itself (@bindery/model/postgres); a fresh database bench_connector with bench_product (8 data columns) and its binding table (unique (backend_id, external_id) and (backend_id, record_id)).',
    `Mapper: ${MAPPED} records, each with 20 mapped fields (12 copies, 6 conversions with the package converters, 2 none) and 5 child lines of 5 fields, through mapper.mapRecord(r).values({ forCreate: true }) (import mapper, children through the default import map child) vs a hand-written function producing the same values with the same converters. Sanity check: both agree on a sample.`,
    `Import pipeline: ${PIPELINE} records from an in-process FakeBackendApi, ${PER_JOB} per job: the importBatch job function (direct batch importer → adapter search and read → importer.runMany: bindings, advisory locks, mapping of 8 fields, validation, bulk creation of products and bound bindings, after hooks) run in a transaction per job, as a worker does (the queue itself is measured in the queue-job suite), vs a hand-written loop in a transaction per ${PER_JOB}: the same search and reads, then per record an insert of the product returning its id and an insert of its binding with external id and sync date.`,
    `Record by record (informational): ${PER_RECORD} records through importer.run(id) one at a time (savepoint, advisory lock, binding lookups, creation, bind), ${PER_JOB} per transaction.`,
    'Tables truncated (untimed) before each run; the result is checked after each connector run (counts, one record). Runs interleaved (rotating order), 1 warm-up + N measured runs; median (min–max) ms per run. Ratio = time ÷ hand-written time: a throughput target of ≥ 0.8× means a time ratio ≤ 1.25.',
    'synchronous_commit is the server default (on).',
  ],
  async run(context) {
    const repetitions = context.repetitions ?? (context.quick ? 3 : 5);
    const scale = context.quick ? 0.1 : 1;
    const pipeline = Math.round(PIPELINE * scale);
    const perRecord = Math.round(PER_RECORD * scale);
    const mapped = Math.round(MAPPED * scale);
    const bench = await openConnectorBench('bench_connector', pipeline);
    try {
      context.log(`connector: mapper, ${mapped} records`);
      const mapper = await mapperRuns(bench, mapped, repetitions);
      context.log(`connector: import pipeline, ${pipeline} records, ${PER_JOB} per job`);
      const pipelineRuns = await compareAsyncRuns(
        [
          {
            name: 'connector',
            fn: {
              setup: bench.reset,
              run: async () => {
                await connectorImport(bench, pipeline);
                await checkImported(bench, pipeline);
              },
            },
          },
          {
            name: 'hand-written',
            fn: { setup: bench.reset, run: () => handImport(bench, pipeline) },
          },
        ],
        { repetitions },
      );
      context.log(`connector: record by record, ${perRecord} records`);
      const perRecordRuns = await compareAsyncRuns(
        [
          {
            name: 'connector',
            fn: {
              setup: bench.reset,
              run: async () => {
                await connectorPerRecord(bench, perRecord);
                await checkImported(bench, perRecord);
              },
            },
          },
          {
            name: 'hand-written',
            fn: { setup: bench.reset, run: () => handImport(bench, perRecord) },
          },
        ],
        { repetitions },
      );
      const mapperHand = byName(mapper, 'hand-written');
      const pipeHand = byName(pipelineRuns, 'hand-written');
      const recordHand = byName(perRecordRuns, 'hand-written');
      const results: BenchResult[] = [
        {
          id: 'mapper',
          name: `mapper: ${mapped} records × (20 fields + 5 lines)`,
          unit: 'ms',
          measured: byName(mapper, 'mapper'),
          baseline: { name: 'hand-written mapping', measured: mapperHand },
          extra: rate(mapped, byName(mapper, 'mapper')),
        },
        {
          id: 'mapper.hand',
          name: 'hand-written mapping function',
          unit: 'ms',
          measured: mapperHand,
          extra: rate(mapped, mapperHand),
        },
        {
          id: 'import.pipeline',
          name: `import pipeline: ${pipeline} records, ${PER_JOB} per job`,
          unit: 'ms',
          measured: byName(pipelineRuns, 'connector'),
          baseline: { name: 'hand-written Kysely loop', measured: pipeHand },
          target: { max: pipeHand.stats.median / 0.8, label: '≥ 0.8× hand-written (time ≤ 1.25×)' },
          extra: rate(pipeline, byName(pipelineRuns, 'connector')),
        },
        {
          id: 'import.hand',
          name: `hand-written Kysely loop: ${pipeline} records`,
          unit: 'ms',
          measured: pipeHand,
          extra: rate(pipeline, pipeHand),
        },
        {
          id: 'import.per-record',
          name: `importer.run record by record: ${perRecord} records`,
          unit: 'ms',
          measured: byName(perRecordRuns, 'connector'),
          baseline: { name: 'hand-written Kysely loop', measured: recordHand },
          extra: rate(perRecord, byName(perRecordRuns, 'connector')),
        },
        {
          id: 'import.per-record.hand',
          name: `hand-written Kysely loop: ${perRecord} records`,
          unit: 'ms',
          measured: recordHand,
          extra: rate(perRecord, recordHand),
        },
      ];
      return results;
    } finally {
      await bench.close();
    }
  },
});
