import { defineComponent, type ComponentDefinition } from '@bindery/component';
import type { ExternalIdInput } from '../binding/binding-row.js';
import {
  BatchImporter,
  type BatchImportResult,
  type BatchImporterComponent,
} from './base-batch-importer.js';
import type { RecordImporterComponent } from './generic-importer.js';
import type { ImportResult } from './import-result.js';

/**
 * `'direct.batch.importer'` (abstract): imports the records in the current job, through the
 * model's `record.importer` (upstream `DirectBatchImporter`). `importRecords` uses the importer's
 * `runMany`: the same hooks per record, with the database work batched, in one transaction.
 */
export const DirectBatchImporter: ComponentDefinition<BatchImporterComponent> = defineComponent(
  { name: 'direct.batch.importer', inherit: BatchImporter, abstract: true },
  (Base) =>
    class extends Base {
      override async importRecords(
        externalIds: readonly ExternalIdInput[],
      ): Promise<BatchImportResult> {
        const results = await this.recordImporter().runMany(externalIds);
        return { count: results.length, results };
      }

      override importRecord(externalId: ExternalIdInput): Promise<ImportResult> {
        return this.recordImporter().run(externalId);
      }

      /** The `record.importer` of the work model. */
      recordImporter(): RecordImporterComponent {
        return this.component({ usage: 'record.importer' }) as unknown as RecordImporterComponent;
      }
    },
);
