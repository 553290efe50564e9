import type { RecordId } from '@bindery/model';
import type { ExternalId } from '../binding/binding-row.js';

/** How one record import ended. */
export type ImportStatus = 'created' | 'updated' | 'skipped' | 'up-to-date' | 'missing';

/** The result of one record import (JSON-serialisable: jobs store it). */
export interface ImportResult {
  readonly status: ImportStatus;
  readonly externalId: ExternalId;
  /** The binding created or updated (or found up to date). */
  readonly bindingId?: RecordId;
  /** A human summary (the skip reason for `skipped`). */
  readonly message: string;
}

const MESSAGES: Readonly<Record<ImportStatus, string>> = {
  created: 'Record created',
  updated: 'Record updated',
  skipped: 'Skipped',
  'up-to-date': 'Already up-to-date.',
  missing: 'Record does no longer exist in the backend',
};

/** Build an {@link ImportResult}. */
export function importResult(
  status: ImportStatus,
  externalId: ExternalId,
  bindingId?: RecordId,
  message?: string,
): ImportResult {
  const text =
    message ??
    (status === 'created' || status === 'updated'
      ? `${MESSAGES[status]} from external id ${externalId}`
      : MESSAGES[status]);
  return bindingId === undefined
    ? { status, externalId, message: text }
    : { status, externalId, bindingId, message: text };
}
