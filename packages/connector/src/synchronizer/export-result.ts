import type { RecordId } from '@bindery/model';
import type { ExternalId } from '../binding/binding-row.js';

/** How one export ended. */
export type ExportStatus = 'created' | 'updated' | 'skipped' | 'nothing-to-export';

/** The result of one record export (JSON-serialisable: jobs store it). */
export interface ExportResult {
  readonly status: ExportStatus;
  readonly bindingId: RecordId;
  /** The external id after the export (absent when nothing was created). */
  readonly externalId?: ExternalId;
  readonly message: string;
}

/** Build an {@link ExportResult}. */
export function exportResult(
  status: ExportStatus,
  bindingId: RecordId,
  externalId?: ExternalId,
): ExportResult {
  const message =
    status === 'skipped'
      ? 'Skipped.'
      : status === 'nothing-to-export'
        ? 'Nothing to export.'
        : `Record exported with ID ${String(externalId)} on Backend.`;
  return externalId === undefined
    ? { status, bindingId, message }
    : { status, bindingId, externalId, message };
}
