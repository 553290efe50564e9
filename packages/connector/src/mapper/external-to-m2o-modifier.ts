import { describeValue } from '../errors/describe-value.js';
import { MappingError } from '../errors/mapping-error.js';
import type { Modifier } from './mapper-types.js';
import { many2oneTarget } from './m2o-to-external-modifier.js';
import { defineModifier } from './modifier.js';
import { isEmpty } from './source-values.js';

/** Options of {@link externalToM2o}. */
export interface ExternalToM2oOptions {
  /**
   * The binding model of the related external record. Given: the value is the id of the
   * binding's local record (upstream `unwrap=True`). Omitted: the target field points to the
   * binding row itself.
   */
  readonly binding?: string;
}

/**
 * Import side: the local id of the record bound to the external id in `field` (upstream
 * `external_to_m2o`). An empty value gives `null`; a target field that is not a many2one, or an
 * external id no binding knows (import the dependency first), throws a `MappingError`.
 *
 * @example
 * ```ts
 * direct = [[externalToM2o('category_id', { binding: 'shop.category.binding' }), 'categ_id']];
 * ```
 */
export function externalToM2o(field: string, options: ExternalToM2oOptions = {}): Modifier {
  return defineModifier(field, 'externalToM2o', async (mapper, record, toAttr) => {
    const value = record[field];
    if (isEmpty(value)) return null;
    const target = many2oneTarget(mapper, toAttr);
    const bindingModel = options.binding ?? target;
    const unwrap = options.binding !== undefined;
    const binder = mapper.binderFor(bindingModel);
    const found = unwrap
      ? await binder.toInternal(value as string, { unwrap: true })
      : await binder.toInternal(value as string);
    if (found === undefined) {
      throw new MappingError({
        code: 'unknown-external-id',
        model: mapper.modelName,
        field,
        value,
        message: `Can not find an existing ${bindingModel} for external record ${describeValue(value)} ${unwrap ? 'with' : 'without'} unwrapping`,
      });
    }
    return found.id;
  });
}
