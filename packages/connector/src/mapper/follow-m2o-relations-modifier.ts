import type { RecordId } from '@bindery/model';
import { MappingError } from '../errors/mapping-error.js';
import type { Modifier } from './mapper-types.js';
import { many2oneTarget } from './m2o-to-external-modifier.js';
import { defineModifier } from './modifier.js';
import { isEmpty } from './source-values.js';

/**
 * Export side: follow many2one fields along a dotted path (`'partner_id.country_id.code'`) and
 * return the last value; an empty link anywhere gives `null`. Each hop reads the related record.
 * Its source field is the whole path; a `fields` filter selects it by the path or by its first
 * segment (`'partner_id'`).
 */
export function followM2oRelations(path: string): Modifier {
  const parts = path.split('.');
  return defineModifier(path, 'followM2oRelations', async (mapper, record) => {
    let current: Readonly<Record<string, unknown>> = record;
    let model: string | undefined;
    for (const [index, part] of parts.entries()) {
      const value = current[part];
      if (index === parts.length - 1) return isEmpty(value) ? null : value;
      if (isEmpty(value)) return null;
      const target: string =
        model === undefined
          ? many2oneTarget(mapper, part)
          : relationTarget(mapper.env.models.get(model).fields.get(part), model, path);
      const [next] = await mapper.env.model(target).browse(value as RecordId);
      if (next === undefined) return null;
      current = next;
      model = target;
    }
    return null;
  });
}

function relationTarget(
  definition: { readonly type: string; readonly target: string | undefined } | undefined,
  model: string,
  path: string,
): string {
  if (definition?.type === 'many2one' && definition.target !== undefined) return definition.target;
  throw new MappingError({
    code: 'not-many2one',
    model,
    field: path,
    message: `Cannot follow ${path}: a link in ${model} is not a Many2one (got ${definition?.type ?? 'no field'}).`,
  });
}
