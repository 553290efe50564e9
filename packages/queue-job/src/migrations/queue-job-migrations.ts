import type { Migration } from '@bindery/model';
import { sql } from 'kysely';

/**
 * The tables `@bindery/queue-job` owns (pg-boss creates and upgrades its own schema at `start()`):
 *
 * - `queue_job_channel_state`: the last start of each throttled channel, shared by every worker;
 * - `queue_job_batch` and `queue_job_batch_job`: job batches and their members;
 * - `queue_job_graph_job`: the jobs of each graph (graph inspection without scanning the queue).
 *
 * They reference no pg-boss table, so `migrate()` and pg-boss's own schema creation can run in any
 * order.
 */
export const queueJobMigrations: readonly Migration[] = Object.freeze([
  {
    name: '0001_channel_state_and_batches',
    async up(db) {
      await sql`create table queue_job_channel_state (
        channel text primary key,
        last_started_at timestamptz not null
      )`.execute(db);
      await sql`create table queue_job_batch (
        id uuid primary key,
        name text not null,
        user_id text,
        company_id text,
        enqueued_at timestamptz,
        created_at timestamptz not null default now(),
        is_read boolean not null default false
      )`.execute(db);
      await sql`create table queue_job_batch_job (
        batch_id uuid not null references queue_job_batch (id) on delete cascade,
        job_id uuid not null,
        primary key (batch_id, job_id)
      )`.execute(db);
      await sql`create index queue_job_batch_job_job on queue_job_batch_job (job_id)`.execute(db);
      await sql`create table queue_job_graph_job (
        graph_id uuid not null,
        job_id uuid not null,
        primary key (graph_id, job_id)
      )`.execute(db);
      await sql`create index queue_job_graph_job_job on queue_job_graph_job (job_id)`.execute(db);
    },
  },
]);
