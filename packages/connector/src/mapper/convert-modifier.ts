import { describeValue } from '../errors/describe-value.js';
import { MappingError } from '../errors/mapping-error.js';
import type { DirectSource, Modifier } from './mapper-types.js';
import { defineModifier } from './modifier.js';
import { isEmpty, readSource, sourceFieldOf, afterValue } from './source-values.js';

/**
 * `convert(source, converter)`: the source value passed through `converter`; an empty value
 * (`null` / missing) gives `null` without calling it. A converter that throws becomes a
 * `MappingError` (`invalid-value`) naming the field and the value. The source may be another
 * modifier: `convert(followM2oRelations('a.b'), String)`.
 *
 * @example
 * ```ts
 * direct = [[convert('price', toNumber), 'list_price']];
 * ```
 */
export function convert<TOut>(source: DirectSource, converter: (value: unknown) => TOut): Modifier {
  const field = sourceFieldOf(source);
  return defineModifier(field, 'convert', (mapper, record, toAttr) =>
    afterValue(readSource(mapper, record, source, toAttr), (value) => {
      if (isEmpty(value)) return null;
      try {
        return converter(value);
      } catch (cause) {
        throw new MappingError({
          code: 'invalid-value',
          model: mapper.modelName,
          field,
          value,
          message: `Cannot convert ${field} = ${describeValue(value)} for ${mapper.modelName}.${toAttr}: ${cause instanceof Error ? cause.message : String(cause)}`,
          cause,
        });
      }
    }),
  );
}
