import { defineJob, type JobFunction } from '@bindery/queue-job';
import type { RecordImporterComponent } from '../synchronizer/generic-importer.js';
import type { ImportResult } from '../synchronizer/import-result.js';
import { jobBackend, type BackendJobArgs } from './backend-job-args.js';

/** Arguments of {@link importRecord}. */
export interface ImportRecordArgs extends BackendJobArgs {
  readonly externalId: string;
  /** Import even when up to date. */
  readonly force?: boolean;
}

/**
 * Job `connector.import_record`: import one external record with the model's `record.importer`
 * (upstream `import_record`).
 */
export const importRecord: JobFunction<ImportRecordArgs, ImportResult> = defineJob({
  name: 'connector.import_record',
  description: 'Import a record from a backend',
  run: async ({ env }, args: ImportRecordArgs): Promise<ImportResult> => {
    const backend = await jobBackend(env, args);
    const importer = backend
      .workOn(args.model)
      .component({ usage: 'record.importer' }) as unknown as RecordImporterComponent;
    return importer.run(args.externalId, { force: args.force === true });
  },
});

declare module '@bindery/queue-job' {
  interface JobsByName {
    'connector.import_record': typeof importRecord;
  }
}
