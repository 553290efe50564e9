/** What happened to the record. */
export type SyncMethod = 'create' | 'write' | 'unlink';

/** A record id as sent: a number, or a decimal string beyond 2^53. */
export type SyncRecordId = number | string;

/** The acting user (`user_id` of the payload). */
export interface SyncUser {
  readonly id: string | number | null;
  /** Display name, when the server knows the users' model. */
  readonly name: string | null;
}

/** A many2one value: `[id, display name]`, or `false` when empty. */
export type Many2oneValue = readonly [id: SyncRecordId, name: string] | false;

/**
 * The payload of a notification, in the original web_syncer shape.
 *
 * - `data`: for `create` the whole record (one2many fields left out); for `write` the written
 *   fields (and related fields rooted at them), or the whole record when the model has
 *   `syncEntire`; for `unlink` `{}` (the whole record with `syncEntire`). many2one values are
 *   `[id, name]` or `false`, many2many values lists of ids.
 * - `indirect`: `true` for a parent told that its one2many / many2many children changed.
 * - `entire`: `true` when `data` is the whole record.
 * - `truncated`: set when `data` was dropped because the event exceeded the server's
 *   `maxEventBytes`; refetch the record.
 */
export interface SyncPayload<TData = Readonly<Record<string, unknown>>> {
  readonly method: SyncMethod;
  readonly data: TData;
  readonly record_name: string | false;
  /** The record's `write_date` when it has one, else the transaction time; absent on indirect writes. */
  readonly __last_update?: string | null;
  readonly indirect: boolean;
  readonly entire: boolean;
  readonly user_id: SyncUser;
  readonly truncated?: true;
}

/**
 * A notification as callbacks receive it: `[[db, model, id], payload]`, so
 * `notification[0][2]` is the record id and `notification[1].method` what happened.
 */
export type SyncNotification<TData = Readonly<Record<string, unknown>>> = readonly [
  readonly [db: string, model: string, id: SyncRecordId],
  SyncPayload<TData>,
];
