import { defineAddon } from '@bindery/component';
import { sql, type Kysely } from 'kysely';
import { NothingToDoJob } from '../errors/nothing-to-do-job.js';
import { RetryableJobError } from '../errors/retryable-job-error.js';
import { defineJob } from '../jobs/job-definition.js';
import { queueJobAddon } from '../queue-job-addon.js';

/** Runs recorded by the test jobs, per test database. */
export async function notes(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ note: string }>`select note from qj_note order by id`.execute(db);
  return rows.map((row) => row.note);
}

/** Writes a note, then returns it. */
export const writeNote = defineJob({
  name: 'test.write_note',
  description: 'Write a note',
  channel: 'root.notes',
  run: async ({ env, job }, args: { note: string }) => {
    await sql`insert into qj_note (note, job_id, user_id, company_id, lang) values (${args.note}, ${job.id}, ${String(env.userId)}, ${String(env.companyId)}, ${env.context.lang ?? null})`.execute(
      env.db,
    );
    return `wrote ${args.note}`;
  },
});

/** Writes a note, then fails with the given error kind. */
export const failingNote = defineJob({
  name: 'test.failing_note',
  retryPattern: { 1: 1, 3: 2 },
  records: (args: {
    note: string;
    kind: 'retry' | 'retry-now' | 'ignore' | 'nothing' | 'boom' | 'deadlock';
    seconds?: number;
  }) => ({
    model: 'test.note',
    ids: args.note === '' ? [] : [args.note],
  }),
  run: async (
    { env },
    args: {
      note: string;
      kind: 'retry' | 'retry-now' | 'ignore' | 'nothing' | 'boom' | 'deadlock';
      seconds?: number;
    },
  ) => {
    await sql`insert into qj_note (note) values (${args.note})`.execute(env.db);
    switch (args.kind) {
      case 'retry':
        throw new RetryableJobError('try later', { seconds: args.seconds });
      case 'retry-now':
        throw new RetryableJobError('try again', { seconds: 0 });
      case 'ignore':
        throw new RetryableJobError('ignored', { seconds: args.seconds ?? 60, ignoreRetry: true });
      case 'nothing':
        throw new NothingToDoJob('already imported');
      case 'deadlock':
        throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      case 'boom':
        throw new TypeError('boom');
    }
  },
});

/** Sleeps, for concurrency tests (worker-process.mjs has the same job for other processes). */
export const sleepNote = defineJob({
  name: 'test.sleep_note',
  channel: 'root.slow',
  run: async ({ env }, args: { note: string; ms: number }) => {
    await sql`insert into qj_note (note, pid) values (${`${args.note}:start`}, ${process.pid})`.execute(
      env.db,
    );
    await new Promise((resolve) => setTimeout(resolve, args.ms));
    await sql`insert into qj_note (note, pid) values (${`${args.note}:end`}, ${process.pid})`.execute(
      env.db,
    );
  },
});

/** Records its try (worker-process.mjs's version writes, then hangs until the process is killed). */
export const crashNote = defineJob({
  name: 'test.crash_note',
  run: async ({ env, job }) => {
    await sql`insert into qj_note (note) values (${`recovered:${job.retry}`})`.execute(env.db);
  },
});

/** Never ends until aborted: the supervisor expires it. */
export const hangNote = defineJob({
  name: 'test.hang_note',
  run: async ({ env, signal }) => {
    await sql`insert into qj_note (note) values ('hang')`.execute(env.db);
    await new Promise((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(new Error('aborted'))),
    );
  },
});

/**
 * Writes `<note>:own` through `autonomous()` and `<note>:job` in the job's transaction, then
 * fails for good when `fail` is set.
 */
export const autonomousNote = defineJob({
  name: 'test.autonomous_note',
  maxRetries: 1,
  run: async ({ env, autonomous }, args: { note: string; fail?: boolean }) => {
    await autonomous(async (own) => {
      await sql`insert into qj_note (note, user_id, lang) values (${`${args.note}:own`}, ${String(own.userId)}, ${own.context.lang ?? null})`.execute(
        own.db,
      );
    });
    await sql`insert into qj_note (note) values (${`${args.note}:job`})`.execute(env.db);
    if (args.fail === true) throw new TypeError('failed after the autonomous write');
  },
});

/** Its related action reads the database (async, with the admin's env). */
export const lookupNote = defineJob<{ note: string }>({
  name: 'test.lookup_note',
  relatedAction: {
    action: async ({ env, args }) => {
      const { rows } = await sql<{
        id: number;
      }>`select id from qj_note where note = ${args.note}`.execute(env.db);
      const [row] = rows;
      return row === undefined
        ? undefined
        : { type: 'record' as const, name: 'Note', model: 'test.note', id: row.id };
    },
  },
  run: () => undefined,
});

/** The test addon. */
export const testJobsAddon = defineAddon({
  name: 'test-jobs',
  depends: [queueJobAddon],
  jobs: [writeNote, failingNote, sleepNote, crashNote, hangNote, autonomousNote, lookupNote],
  channels: [
    'root.notes',
    'root.slow',
    'root.shop',
    'root.shop.orders',
    'root.shop.products',
    'root.seq',
    'root.throttled',
  ],
  migrations: [
    {
      name: '0001_notes',
      up: async (db) => {
        await sql`create table qj_note (id serial primary key, note text not null, job_id text, user_id text, company_id text, lang text)`.execute(
          db,
        );
      },
    },
    {
      name: '0002_note_pid',
      up: async (db) => {
        await sql`alter table qj_note add column pid int`.execute(db);
      },
    },
  ],
});
