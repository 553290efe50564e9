import type { RecordId } from '@bindery/model';

/** An external id as stored: always a string (numbers are stringified by the binder). */
export type ExternalId = string;

/** What a caller may pass as an external id: a non-empty string or a finite number (`0` is valid). */
export type ExternalIdInput = string | number | bigint;

/**
 * A binding row with the default field names: which backend, which external id, which local
 * record, when last synchronised, plus the binding model's own fields.
 */
export interface BindingRow {
  readonly id: RecordId;
  readonly backend_id: RecordId;
  /** `null` until the record is exported or imported. */
  readonly external_id: string | null;
  /** The local record; absent on "direct" bindings that have no local record. */
  readonly record_id?: RecordId;
  readonly sync_date: Date | null;
  readonly [field: string]: unknown;
}

/** A local record as read from its table. */
export interface LocalRecord {
  readonly id: RecordId;
  readonly [field: string]: unknown;
}
