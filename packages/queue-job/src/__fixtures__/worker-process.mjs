/* global process, setTimeout */
// A worker in another process, for the multi-process tests. Runs the built package (dist).
// Usage: node worker-process.mjs <database url> <channels> <concurrency> <expire seconds>
import { defineAddon } from '@bindery/component';
import { buildAppRegistries, createEnv } from '@bindery/model';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { defineJob, QueueJob, queueJobAddon } from '../../dist/index.js';

const [url, channels, concurrency, expireSeconds] = process.argv.slice(2);

const sleepNote = defineJob({
  name: 'test.sleep_note',
  channel: 'root.slow',
  run: async ({ env }, args) => {
    await sql`insert into qj_note (note, pid) values (${`${args.note}:start`}, ${process.pid})`.execute(
      env.db,
    );
    await new Promise((resolve) => setTimeout(resolve, args.ms));
    await sql`insert into qj_note (note, pid) values (${`${args.note}:end`}, ${process.pid})`.execute(
      env.db,
    );
  },
});

const crashNote = defineJob({
  name: 'test.crash_note',
  run: async ({ env }) => {
    await sql`insert into qj_note (note) values ('partial')`.execute(env.db);
    process.stdout.write('running\n');
    await new Promise(() => undefined);
  },
});

const addon = defineAddon({
  name: 'test-jobs',
  depends: [queueJobAddon],
  jobs: [sleepNote, crashNote],
  channels: [
    'root.notes',
    'root.slow',
    'root.shop',
    'root.shop.orders',
    'root.shop.products',
    'root.seq',
    'root.throttled',
  ],
});
const registries = buildAppRegistries([addon]);
const db = new Kysely({
  dialect: new PostgresDialect({
    pool: new pg.Pool({ connectionString: url, max: Number(concurrency) + 2 }),
  }),
});
const queue = new QueueJob({
  registries,
  connectionString: url,
  channels,
  poolSize: 2,
  expireSeconds: Number(expireSeconds),
  monitorIntervalSeconds: 1,
});
await queue.start({ supervise: false });
const worker = queue.worker({
  env: createEnv({ db, registries }),
  concurrency: Number(concurrency),
  pollIntervalMs: 50,
  cron: false,
});
await worker.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker
    .stop({ timeoutMs: 1000 })
    .then(() => queue.stop())
    .then(() => db.destroy())
    .then(() => process.exit(0));
});
