import type { DirectSource, Modifier } from './mapper-types.js';
import { defineModifier } from './modifier.js';
import { isEmpty, readSource, sourceFieldOf, afterValue } from './source-values.js';

/**
 * `none(source)`: the source value, with an empty one (`null` / missing) as `null`. Used as a
 * wrapper: `none(convert('x', toNumber))`. Under this package's empty-value rule only `null` and
 * `undefined` are empty, so `0`, `''` and `false` pass through unchanged.
 */
export function none(source: DirectSource): Modifier {
  return defineModifier(sourceFieldOf(source), 'none', (mapper, record, toAttr) =>
    afterValue(readSource(mapper, record, source, toAttr), (value) =>
      isEmpty(value) ? null : value,
    ),
  );
}
