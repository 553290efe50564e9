import type { Env } from '@bindery/model';
import { sql } from 'kysely';
import type { SyncPayload } from '../protocol/notification.js';

/** An outbox row of the current transaction, payload parsed. */
export interface TransactionEvent {
  readonly channel: string;
  readonly model: string;
  readonly id: number;
  readonly payload: SyncPayload;
}

/**
 * Run `fn` in a transaction and return the outbox rows it wrote (coalesced), in first-seen
 * order, read just before it commits.
 */
export async function eventsOf(
  env: Env,
  fn: (tx: Env) => Promise<void>,
): Promise<TransactionEvent[]> {
  return env.transaction(async (tx) => {
    await fn(tx);
    const { rows } = await sql<{
      channel: string;
      model: string;
      record_id: string;
      payload: SyncPayload;
    }>`
      select channel, model, record_id::text, payload from web_syncer_event where txid = pg_current_xact_id() order by id`.execute(
      tx.db,
    );
    return rows.map((row) => ({
      channel: row.channel,
      model: row.model,
      id: Number(row.record_id),
      payload: row.payload,
    }));
  });
}
