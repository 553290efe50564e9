import type { Env } from '@bindery/model';

/**
 * True when `modelName` looks like a binding model (it has a many2one `backend_id` and an
 * `external_id` field): direct mappings convert many2one values to and from such models
 * implicitly, as upstream does.
 */
export function isBindingModel(env: Env, modelName: string | undefined): boolean {
  if (modelName === undefined || !env.models.has(modelName)) return false;
  const fields = env.models.get(modelName).fields;
  return fields.get('backend_id')?.type === 'many2one' && fields.has('external_id');
}
