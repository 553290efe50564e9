import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { queueFor, type DelayOptions, type EnqueuedJob } from '@bindery/queue-job';
import type { ExternalIdInput } from '../binding/binding-row.js';
import { importRecord, type ImportRecordArgs } from '../jobs/import-record-job.js';
import {
  BatchImporter,
  type BatchImportResult,
  type BatchImporterComponent,
} from './base-batch-importer.js';

/**
 * `'delayed.batch.importer'` (abstract): enqueues one `connector.import_record` job per record
 * (upstream `DelayedBatchImporter`), in one statement, with the given job options.
 */
export const DelayedBatchImporter: ComponentDefinition<BatchImporterComponent> = defineComponent(
  { name: 'delayed.batch.importer', inherit: BatchImporter, abstract: true },
  (Base) =>
    class extends Base {
      override async importRecords(
        externalIds: readonly ExternalIdInput[],
        jobOptions?: DelayOptions,
      ): Promise<BatchImportResult> {
        const args = externalIds.map((id) => this.importArgs(id));
        const jobs = await queueFor(this.env)
          .for(this.env)
          .delayMany(importRecord, args, jobOptions as DelayOptions<ImportRecordArgs> | undefined);
        return { count: jobs.length, jobIds: jobs.map((job) => job.id) };
      }

      override importRecord(
        externalId: ExternalIdInput,
        jobOptions?: DelayOptions,
      ): Promise<EnqueuedJob> {
        return this.delay(
          importRecord,
          this.importArgs(externalId),
          jobOptions as DelayOptions<ImportRecordArgs> | undefined,
        );
      }

      importArgs(externalId: ExternalIdInput): ImportRecordArgs {
        return {
          backend: this.backendRecord.ref,
          model: this.modelName,
          externalId: this.binderFor().normalizeExternalId(externalId),
        };
      }
    },
);
