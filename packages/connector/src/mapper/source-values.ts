import type { DirectSource, MapperContext, MaybePromise, SourceRecord } from './mapper-types.js';

/**
 * True for the values the mapper treats as empty: `null` and `undefined` (a missing key). `0`,
 * `''` and `false` are values (see the README, "Empty values").
 */
export function isEmpty(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** True for promises and other thenables. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The source field name of a direct source. */
export function sourceFieldOf(source: DirectSource): string {
  return typeof source === 'string' ? source : source.sourceField;
}

/** The value of a direct source: the field of `record` (`undefined` when missing), or the modifier's result. */
export function readSource(
  mapper: MapperContext,
  record: SourceRecord,
  source: DirectSource,
  toAttr: string,
): MaybePromise<unknown> {
  if (typeof source === 'string') return Object.hasOwn(record, source) ? record[source] : undefined;
  return source.apply(mapper, record, toAttr);
}

/** Apply `fn` to a value or to the resolution of a promise of it. */
export function afterValue<TIn, TOut>(
  value: MaybePromise<TIn>,
  fn: (value: TIn) => MaybePromise<TOut>,
): MaybePromise<TOut> {
  return isThenable(value) ? Promise.resolve(value).then(fn) : fn(value);
}

/** True when a source field is selected by a `fields` filter: its name, or the first segment of a dotted path. */
export function isSelected(sourceField: string, fields: ReadonlySet<string> | undefined): boolean {
  if (fields === undefined) return true;
  if (fields.has(sourceField)) return true;
  const dot = sourceField.indexOf('.');
  return dot > 0 && fields.has(sourceField.slice(0, dot));
}
