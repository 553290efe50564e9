import { defineJob, type JobFunction } from '@bindery/queue-job';
import type { DeleterComponent } from '../synchronizer/generic-deleter.js';
import { jobBackend, type BackendJobArgs } from './backend-job-args.js';

/** Arguments of {@link exportDeleteRecord}. */
export interface ExportDeleteRecordArgs extends BackendJobArgs {
  readonly externalId: string;
}

/**
 * Job `connector.export_delete_record`: delete a record in the backend with the model's
 * `record.exporter.deleter` (upstream `export_delete_record`). Enqueue it from an
 * `onRecordUnlink` listener, which still sees the binding and its external id.
 */
export const exportDeleteRecord: JobFunction<ExportDeleteRecordArgs, string> = defineJob({
  name: 'connector.export_delete_record',
  description: 'Delete a record in a backend',
  run: async ({ env }, args: ExportDeleteRecordArgs): Promise<string> => {
    const backend = await jobBackend(env, args);
    const deleter = backend
      .workOn(args.model)
      .component({ usage: 'record.exporter.deleter' }) as unknown as DeleterComponent;
    return deleter.run(args.externalId);
  },
});

declare module '@bindery/queue-job' {
  interface JobsByName {
    'connector.export_delete_record': typeof exportDeleteRecord;
  }
}
