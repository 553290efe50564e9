import type { Migration } from '@bindery/model';
import { sql, type Kysely } from 'kysely';
import { OUTBOX } from './outbox-names.js';

/**
 * Tables, sequences and the commit trigger of the outbox.
 *
 * Event rows are upserted by the record-event listener inside the business transaction (one row
 * per transaction, channel and record, merged). A deferred constraint trigger runs at COMMIT,
 * once per transaction: it takes the shared "committing" advisory lock, then a commit number
 * from a sequence, records `(seq, txid)` and, if a dispatcher asked for it, sends the NOTIFY.
 * Taking the number at commit time makes numbers follow commit order up to the few
 * transactions committing at the same instant; the dispatcher resolves those with the lock
 * (see the README, "Ordering").
 */
async function createOutbox(db: Kysely<unknown>): Promise<void> {
  await sql`create table web_syncer_event (
    id bigserial primary key,
    txid xid8 not null default pg_current_xact_id(),
    channel text not null,
    model text not null,
    record_id bigint not null,
    payload jsonb not null
  )`.execute(db);
  await sql`create unique index web_syncer_event_tx_record on web_syncer_event (txid, channel, record_id)`.execute(
    db,
  );
  await sql`create table web_syncer_commit (
    seq bigint primary key,
    txid xid8 not null,
    committed_at timestamptz not null default clock_timestamp()
  )`.execute(db);
  await sql`create index web_syncer_commit_time on web_syncer_commit (committed_at)`.execute(db);
  await sql`create sequence web_syncer_commit_seq cache 1`.execute(db);
  await sql`create sequence web_syncer_wake minvalue 0 maxvalue 1 start 0 cache 1`.execute(db);
  await sql`create table web_syncer_gc (
    id boolean primary key default true check (id),
    watermark bigint not null default 0,
    updated_at timestamptz
  )`.execute(db);
  await sql`insert into web_syncer_gc default values`.execute(db);
  await createMergeFunction(db);
  await createCommitTrigger(db);
}

/**
 * Merge of two notifications of one record in one transaction (the original's `push`): data
 * merged, later keys win; a later `create` or `unlink` replaces the method, a later `write`
 * never does; every other key keeps the first value. The listener's upsert inlines the same
 * expression (`capture/outbox-writer.ts`, cheaper than a function call per merge): keep them equal.
 */
async function createMergeFunction(db: Kysely<unknown>): Promise<void> {
  await sql`create function web_syncer_merge(base jsonb, later jsonb) returns jsonb
    language sql immutable parallel safe as $$
      select base || jsonb_build_object(
        'method', case when later->>'method' in ('create', 'unlink') then later->'method' else base->'method' end,
        'data', coalesce(base->'data', '{}'::jsonb) || coalesce(later->'data', '{}'::jsonb))
    $$`.execute(db);
}

async function createCommitTrigger(db: Kysely<unknown>): Promise<void> {
  const lockClass = sql.lit(OUTBOX.lockClass);
  const lockCommitting = sql.lit(OUTBOX.lockCommitting);
  await sql`create function web_syncer_on_commit() returns trigger language plpgsql as $$
    declare
      commit_seq bigint;
    begin
      if coalesce(current_setting('web_syncer.commit_seq', true), '') <> '' then
        return null;
      end if;
      perform pg_advisory_xact_lock_shared(${lockClass}, ${lockCommitting});
      commit_seq := nextval('web_syncer_commit_seq');
      insert into web_syncer_commit (seq, txid) values (commit_seq, pg_current_xact_id());
      perform set_config('web_syncer.commit_seq', commit_seq::text, true);
      if (select last_value from web_syncer_wake) = 1 then
        perform setval('web_syncer_wake', 0);
        perform pg_notify('web_syncer', commit_seq::text);
      end if;
      return null;
    end
  $$`.execute(db);
  await sql`create constraint trigger web_syncer_event_commit
    after insert on web_syncer_event deferrable initially deferred
    for each row execute function web_syncer_on_commit()`.execute(db);
}

/** The migrations of the web-syncer addon, in order. */
export const outboxMigrations: readonly Migration[] = Object.freeze([
  { name: '0001_outbox', up: createOutbox },
]);
