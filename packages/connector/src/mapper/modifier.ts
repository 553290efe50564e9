import type { MapperContext, MaybePromise, Modifier, SourceRecord } from './mapper-types.js';

/**
 * Build a custom modifier: its source field and how it computes the value.
 *
 * @example
 * ```ts
 * const upper = (field: string) =>
 *   defineModifier(field, 'upper', (_mapper, record) => String(record[field] ?? '').toUpperCase());
 * direct = [[upper('code'), 'default_code']];
 * ```
 */
export function defineModifier(
  sourceField: string,
  kind: string,
  apply: (mapper: MapperContext, record: SourceRecord, toAttr: string) => MaybePromise<unknown>,
): Modifier {
  return Object.freeze({ sourceField, kind, apply });
}
