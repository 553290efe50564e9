import { defineJob, type JobFunction, type JsonValue } from '@bindery/queue-job';
import type {
  BatchImportResult,
  BatchImporterComponent,
} from '../synchronizer/base-batch-importer.js';
import { jobBackend, type BackendJobArgs } from './backend-job-args.js';

/** Arguments of {@link importBatch}. */
export interface ImportBatchArgs extends BackendJobArgs {
  /** Passed to the adapter's `search`. */
  readonly filters?: JsonValue;
}

/**
 * Job `connector.import_batch`: run the model's `batch.importer` with `filters` (upstream
 * `import_batch`): a direct batch importer imports the records in this job, a delayed one
 * enqueues one `connector.import_record` job per record.
 */
export const importBatch: JobFunction<ImportBatchArgs, BatchImportResult> = defineJob({
  name: 'connector.import_batch',
  description: 'Import a batch of records from a backend',
  run: async ({ env }, args: ImportBatchArgs): Promise<BatchImportResult> => {
    const backend = await jobBackend(env, args);
    const importer = backend
      .workOn(args.model)
      .component({ usage: 'batch.importer' }) as unknown as BatchImporterComponent;
    return importer.run(args.filters);
  },
});

declare module '@bindery/queue-job' {
  interface JobsByName {
    'connector.import_batch': typeof importBatch;
  }
}
