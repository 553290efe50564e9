import type { RecordId } from '@bindery/model';
import { MappingError } from '../errors/mapping-error.js';
import type { MapperContext, Modifier } from './mapper-types.js';
import { defineModifier } from './modifier.js';
import { isEmpty } from './source-values.js';

/** Options of {@link m2oToExternal}. */
export interface M2oToExternalOptions {
  /**
   * The binding model of the related record. Given: the field points to a local record, whose
   * binding for this backend is looked up (upstream `binding=`, `wrap=True`). Omitted: the field
   * points to a binding row itself.
   */
  readonly binding?: string;
}

/**
 * Export side: the external id of the record a many2one `field` points to (upstream
 * `m2o_to_external`). An empty relation gives `null`; a field that is not a many2one, or a
 * related record without external id, throws a `MappingError`.
 *
 * @example
 * ```ts
 * direct = [[m2oToExternal('categ_id', { binding: 'shop.category.binding' }), 'category']];
 * ```
 */
export function m2oToExternal(field: string, options: M2oToExternalOptions = {}): Modifier {
  return defineModifier(field, 'm2oToExternal', async (mapper, record) => {
    const value = record[field];
    if (isEmpty(value)) return null;
    const bindingModel = options.binding ?? many2oneTarget(mapper, field);
    const relatedId = relationId(value);
    const wrap = options.binding !== undefined;
    const externalId = wrap
      ? await mapper.binderFor(bindingModel).toExternal(relatedId, { wrap: true })
      : await mapper.binderFor(bindingModel).toExternal(relatedId);
    if (externalId === undefined) {
      throw new MappingError({
        code: 'no-external-id',
        model: mapper.modelName,
        field,
        value: relatedId,
        message: `Can not find an external id for record ${String(relatedId)} in model ${bindingModel} ${wrap ? 'with' : 'without'} wrapping`,
      });
    }
    return externalId;
  });
}

/** The target model of a many2one field of the mapper's model; `MappingError` when not one. */
export function many2oneTarget(mapper: MapperContext, field: string): string {
  const definition = mapper.fieldDefinition(field);
  if (definition?.type !== 'many2one' || definition.target === undefined) {
    throw new MappingError({
      code: 'not-many2one',
      model: mapper.modelName,
      field,
      message: `The column ${field} should be a Many2one, got ${definition?.type ?? 'no field'}`,
    });
  }
  return definition.target;
}

function relationId(value: unknown): RecordId {
  if (typeof value === 'object' && value !== null && 'id' in value)
    return (value as { id: RecordId }).id;
  return value as RecordId;
}
