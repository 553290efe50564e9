import type { Env, RecordId } from '@bindery/model';
import type { JobRecords, RelatedAction, RelatedActionInput } from '@bindery/queue-job';
import { openBackend } from '../backend/open-backend.js';
import type { BindingRow } from '../binding/binding-row.js';
import { ConnectorError } from '../errors/connector-error.js';
import { UnwrapModelError } from '../errors/unwrap-model-error.js';
import type { BinderComponent } from '../typed-components.js';

/**
 * The related action of `exportRecord` jobs: the binding's local record when the job's
 * arguments carry it (`exportRecordArgs` puts it there), else read from the database with the
 * admin's env ({@link relatedActionUnwrapBinding}): the local record, or the binding itself for
 * a direct binding; nothing when the binding no longer exists.
 */
export async function unwrappedRecordAction(
  input: RelatedActionInput<{
    readonly record?: { readonly model: string; readonly id: RecordId };
  }>,
): Promise<RelatedAction | undefined> {
  const record = input.args.record;
  if (record !== undefined)
    return { type: 'record', name: 'Related Record', model: record.model, id: record.id };
  return relatedActionUnwrapBinding(input.env, input.records);
}

/**
 * Upstream `related_action_unwrap_binding`, reading the database: for one binding (`records`
 * of a job), the action opening its local record through the binder of its backend; the binding
 * itself when the binder cannot unwrap it (a direct binding); `undefined` when there is not
 * exactly one existing binding.
 */
export async function relatedActionUnwrapBinding(
  env: Env,
  records: JobRecords | undefined,
  usage = 'binder',
): Promise<RelatedAction | undefined> {
  if (records === undefined || records.ids.length !== 1) return undefined;
  const found = await env.model(records.model).browse(records.ids);
  if (found.length !== 1) return undefined;
  const binding = found[0] as BindingRow;
  const backendModel = env.models.get(records.model).fields.get('backend_id')?.target;
  if (backendModel === undefined) return undefined;
  const backend = await openBackend(env, backendModel, binding.backend_id);
  const binder = backend.workOn(records.model).component({ usage }) as unknown as BinderComponent;
  try {
    const model = binder.unwrapModel();
    const record = await binder.unwrapBinding(binding);
    return { type: 'record', name: 'Related Record', model, id: record.id };
  } catch (error) {
    if (!(ConnectorError.isInstance(error) && error instanceof UnwrapModelError)) throw error;
    return { type: 'record', name: 'Related Record', model: records.model, id: binding.id };
  }
}
