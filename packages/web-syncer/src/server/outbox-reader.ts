import { sql, type QueryExecutorProvider } from 'kysely';
import type { CursorParts } from '../protocol/cursor.js';
import { OUTBOX } from '../schema/outbox-names.js';
import { toOutboxEvent, type OutboxEvent, type OutboxRow } from './outbox-event.js';

const ROW_COLUMNS = sql`c.seq::text as seq, e.id::text as id, e.channel, e.model, e.record_id::text as record_id, e.payload::text as payload`;

/**
 * The SQL the server runs against the outbox: reads in commit order, catch-up pages, the commit
 * sequence, the holders of the "committing" lock, the retention watermark and the wake flag.
 * @internal
 */
export class OutboxReader {
  readonly #db: QueryExecutorProvider;

  constructor(db: QueryExecutorProvider) {
    this.#db = db;
  }

  /** Events of the first `limit` visible commits after `afterSeq`, in commit order. */
  async commitsAfter(afterSeq: string, limit: number): Promise<OutboxEvent[]> {
    const { rows } = await sql<OutboxRow>`select ${ROW_COLUMNS}
      from (select seq, txid from ${sql.table(OUTBOX.commit)} where seq > ${afterSeq}::bigint order by seq limit ${limit}) c
      join ${sql.table(OUTBOX.event)} e on e.txid = c.txid
      order by c.seq, e.id`.execute(this.#db);
    return rows.map(toOutboxEvent);
  }

  /** Events of `channels` after `after`, up to commit `uptoSeq` included, at most `limit`. */
  async catchUp(
    after: CursorParts,
    uptoSeq: string,
    channels: readonly string[],
    limit: number,
  ): Promise<OutboxEvent[]> {
    const afterId = after.id ?? '9223372036854775807';
    const { rows } = await sql<OutboxRow>`select ${ROW_COLUMNS}
      from ${sql.table(OUTBOX.commit)} c join ${sql.table(OUTBOX.event)} e on e.txid = c.txid
      where c.seq >= ${after.seq}::bigint and c.seq <= ${uptoSeq}::bigint
        and (c.seq > ${after.seq}::bigint or e.id > ${afterId}::bigint)
        and e.channel = any(${[...channels]}::text[])
      order by c.seq, e.id limit ${limit}`.execute(this.#db);
    return rows.map(toOutboxEvent);
  }

  /** The last commit number handed out (committed, in flight or rolled back); `'0'` when none. */
  async lastAssignedSeq(): Promise<string> {
    const { rows } = await sql<{
      last: string;
    }>`select (case when is_called then last_value else last_value - 1 end)::text as last
      from ${sql.table(OUTBOX.commitSeq)}`.execute(this.#db);
    return rows[0]?.last ?? '0';
  }

  /** Virtual transaction ids of the transactions that hold the "committing" lock now. */
  async committingTransactions(): Promise<string[]> {
    const { rows } = await sql<{ vxid: string }>`select virtualtransaction as vxid from pg_locks
      where locktype = 'advisory' and granted and objsubid = 2
        and database = (select oid from pg_database where datname = current_database())
        and classid = ${OUTBOX.lockClass}::oid and objid = ${OUTBOX.lockCommitting}::oid`.execute(
      this.#db,
    );
    return rows.map((row) => row.vxid);
  }

  /** The highest commit number removed by retention. */
  async watermark(): Promise<string> {
    const { rows } = await sql<{
      watermark: string;
    }>`select watermark::text as watermark from ${sql.table(OUTBOX.gc)}`.execute(this.#db);
    return rows[0]?.watermark ?? '0';
  }

  /** Ask writers for a NOTIFY at their next commit. */
  async arm(): Promise<void> {
    await sql`select setval(${OUTBOX.wakeFlag}::regclass, 1)`.execute(this.#db);
  }

  /** The name of the database (channels start with it). */
  async databaseName(): Promise<string> {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(
      this.#db,
    );
    return rows[0]?.name ?? '';
  }
}
