import { sql, type QueryExecutorProvider } from 'kysely';
import { OUTBOX } from '../schema/outbox-names.js';

/** What one cleanup did. */
export interface RetentionReport {
  /** Commits removed (0 when another process held the retention lock). */
  readonly commits: number;
  /** The watermark after the cleanup: cursors below it get `resync`. */
  readonly watermark: string;
}

const BATCH = 10_000;

/**
 * Delete events of commits older than `maxAgeMs`, as a prefix in commit order, at most 10,000
 * commits per call, and raise the watermark so that older cursors get `resync`. One process at
 * a time (a transaction-level advisory lock). @internal
 */
export async function runRetention(
  db: QueryExecutorProvider,
  maxAgeMs: number,
): Promise<RetentionReport> {
  const { rows } = await sql<{ commits: string; watermark: string }>`
    with lock as (select pg_try_advisory_xact_lock(${OUTBOX.lockClass}, ${OUTBOX.lockRetention}) as locked),
    limit_seq as (
      select max(seq) as upto from (
        select seq from ${sql.table(OUTBOX.commit)}, lock
        where lock.locked and committed_at < now() - make_interval(secs => ${maxAgeMs / 1000}::float8)
        order by seq limit ${BATCH}) oldest
    ),
    gone as (delete from ${sql.table(OUTBOX.commit)} c using limit_seq where c.seq <= limit_seq.upto returning c.txid),
    gone_events as (delete from ${sql.table(OUTBOX.event)} e using gone where e.txid = gone.txid returning 1),
    mark as (
      update ${sql.table(OUTBOX.gc)} set watermark = greatest(watermark, limit_seq.upto), updated_at = now()
      from limit_seq where limit_seq.upto is not null returning watermark
    )
    select (select count(*) from gone)::text as commits,
      coalesce((select watermark from mark), (select watermark from ${sql.table(OUTBOX.gc)}))::text as watermark,
      (select count(*) from gone_events) as events`.execute(db);
  const row = rows[0];
  return { commits: Number(row?.commits ?? 0), watermark: row?.watermark ?? '0' };
}
