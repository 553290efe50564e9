import type { Cursor } from '../protocol/cursor.js';
import type { SyncRecordId } from '../protocol/notification.js';

/**
 * One committed event as the server holds it: where it is in the stream, its channel and
 * record, and the payload as JSON text (parsed only when a hook needs it). @internal
 */
export interface OutboxEvent {
  /** Commit number (decimal string). */
  readonly seq: string;
  /** Outbox row id (decimal string). */
  readonly id: string;
  readonly cursor: Cursor;
  readonly channel: string;
  readonly model: string;
  readonly recordId: SyncRecordId;
  /** The payload object (`{ method, data, ... }`) as JSON text. */
  readonly payloadText: string;
}

/** An outbox row as read from SQL. @internal */
export interface OutboxRow {
  readonly seq: string;
  readonly id: string;
  readonly channel: string;
  readonly model: string;
  readonly record_id: string;
  readonly payload: string;
}

/** Turn a row into an event. @internal */
export function toOutboxEvent(row: OutboxRow): OutboxEvent {
  const numeric = Number(row.record_id);
  return {
    seq: row.seq,
    id: row.id,
    cursor: `${row.seq}:${row.id}`,
    channel: row.channel,
    model: row.model,
    recordId: Number.isSafeInteger(numeric) ? numeric : row.record_id,
    payloadText: row.payload,
  };
}
