import type { Env, RecordId } from '@bindery/model';
import { UnknownBackendError } from '../errors/unknown-backend-error.js';
import { backendDefinitions } from './addon-backends.js';
import { Backend, type BackendRecord, type BackendRef } from './backend.js';
import type { BackendDefinition } from './backend-definition.js';

/**
 * Read a backend record and return it as a {@link Backend} (the components' collection), with
 * the resources of its definition (`defineBackend`) when an addon of the registry lists one.
 * `UnknownModelError` for an unknown model, {@link UnknownBackendError} for a missing record.
 *
 * @example
 * ```ts
 * const backend = await openBackend(env, 'shop.backend', 1);
 * await backend.workOn('shop.product.binding').component({ usage: 'batch.importer' }).run();
 * ```
 */
export async function openBackend<TResources extends object = object>(
  env: Env,
  model: string | BackendDefinition<TResources> | BackendRef,
  id?: RecordId,
): Promise<Backend<TResources>> {
  const name = typeof model === 'string' ? model : model.model;
  const recordId = id ?? (typeof model === 'object' && 'id' in model ? model.id : undefined);
  if (recordId === undefined) throw new UnknownBackendError(name, 'undefined');
  const [record] = await env.model(name).browse(recordId);
  if (record === undefined) throw new UnknownBackendError(name, recordId);
  const definition = backendDefinitions(env.components).get(name) as
    | BackendDefinition<TResources>
    | undefined;
  return new Backend<TResources>({
    model: name,
    record: record as BackendRecord,
    env,
    resources: definition?.resources,
  });
}
