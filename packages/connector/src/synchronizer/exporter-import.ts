import { importRecord } from '../jobs/import-record-job.js';
import type { RecordExporterComponent } from './generic-exporter.js';

/**
 * Enqueue a forced import of the exporter's record (upstream `_delay_import`): `force` because
 * the binding's sync date is newer than the backend's record. Nothing happens without an
 * external id.
 */
export async function delayImportRecord(exporter: RecordExporterComponent): Promise<void> {
  if (exporter.externalId === undefined) return;
  await exporter.delay(importRecord, {
    backend: exporter.backendRecord.ref,
    model: exporter.modelName,
    externalId: exporter.externalId,
    force: true,
  });
}
