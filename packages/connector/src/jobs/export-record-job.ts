import type { Env, RecordId } from '@bindery/model';
import { defineJob, NothingToDoJob, type JobFunction } from '@bindery/queue-job';
import type { BackendRef } from '../backend/backend.js';
import { openBackend } from '../backend/open-backend.js';
import type { BindingRow } from '../binding/binding-row.js';
import type { RecordExporterComponent } from '../synchronizer/generic-exporter.js';
import type { ExportResult } from '../synchronizer/export-result.js';
import { unwrappedRecordAction } from './unwrap-binding-action.js';

/** Arguments of {@link exportRecord}. */
export interface ExportRecordArgs {
  /** The binding model. */
  readonly model: string;
  readonly bindingId: RecordId;
  /** Only these fields changed (updates send what they trigger). */
  readonly fields?: readonly string[];
  /** The backend; default: the binding's `backend_id`. */
  readonly backend?: BackendRef;
  /** The binding's local record, for the related action (see {@link exportRecordArgs}). */
  readonly record?: { readonly model: string; readonly id: RecordId };
}

/**
 * Job `connector.export_record`: export a binding with its model's `record.exporter` (upstream
 * `export_record`). Its related action opens the binding's local record. A binding deleted
 * before the job runs ends the job as done (nothing to do).
 */
export const exportRecord: JobFunction<ExportRecordArgs, ExportResult> = defineJob({
  name: 'connector.export_record',
  description: 'Export a record to a backend',
  records: (args: ExportRecordArgs) => ({ model: args.model, ids: [args.bindingId] }),
  relatedAction: { action: unwrappedRecordAction },
  run: async ({ env }, args: ExportRecordArgs): Promise<ExportResult> => {
    const [binding] = await env.model(args.model).browse(args.bindingId);
    if (binding === undefined) {
      throw new NothingToDoJob(
        `Binding ${String(args.bindingId)} of ${args.model} no longer exists.`,
      );
    }
    const backend = await openBackend(
      env,
      args.backend ?? bindingBackend(env, args.model, binding as BindingRow),
    );
    const exporter = backend
      .workOn(args.model)
      .component({ usage: 'record.exporter' }) as unknown as RecordExporterComponent;
    return exporter.run(
      binding as BindingRow,
      args.fields === undefined ? {} : { fields: args.fields },
    );
  },
});

/**
 * The arguments of an `exportRecord` job for a binding row: model, id, the backend from the
 * binding's `backend_id`, the local record from its `record_id` (for the related action), and
 * the changed fields.
 */
export function exportRecordArgs(
  env: Env,
  model: string,
  binding: BindingRow,
  fields?: readonly string[],
): ExportRecordArgs {
  const recordField = env.models.get(model).fields.get('record_id');
  const record =
    recordField?.target !== undefined && binding.record_id !== undefined
      ? { model: recordField.target, id: binding.record_id }
      : undefined;
  return {
    model,
    bindingId: binding.id,
    backend: bindingBackend(env, model, binding),
    ...(record === undefined ? {} : { record }),
    ...(fields === undefined ? {} : { fields: [...fields] }),
  };
}

function bindingBackend(env: Env, model: string, binding: BindingRow): BackendRef {
  const target = env.models.get(model).fields.get('backend_id')?.target;
  return { model: target ?? 'unknown.backend', id: binding.backend_id };
}

declare module '@bindery/queue-job' {
  interface JobsByName {
    'connector.export_record': typeof exportRecord;
  }
}
