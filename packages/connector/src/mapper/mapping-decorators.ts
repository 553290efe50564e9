const MARK = Symbol.for('@bindery/connector.mapping');

/** What the decorators recorded on one method function. */
export interface MappingMark {
  /** `@mapping`: the method is a mapping method. */
  mapping: boolean;
  /** `@onlyCreate`: run only when the values are for a creation (`undefined`: not said). */
  onlyCreate: boolean | undefined;
  /** `@changedBy(...)`: the source fields that trigger the method when `fields` filters. */
  readonly changedBy: Set<string>;
}

/** Any method: what the decorators accept. */
export type AnyMethod = (...args: never[]) => unknown;

/** The mark of a method function, created on first use. */
function markOf(method: AnyMethod): MappingMark {
  const existing = (method as unknown as { [MARK]?: MappingMark })[MARK];
  if (existing !== undefined) return existing;
  const mark: MappingMark = { mapping: false, onlyCreate: undefined, changedBy: new Set() };
  Object.defineProperty(method, MARK, { value: mark });
  return mark;
}

/** The mark of a value when it is a function decorated as a mapping method, else `undefined`. */
export function mappingMarkOf(value: unknown): MappingMark | undefined {
  if (typeof value !== 'function') return undefined;
  const mark = (value as { [MARK]?: MappingMark })[MARK];
  return mark?.mapping === true ? mark : undefined;
}

/**
 * Mark a mapper method as a mapping method (upstream `@mapping`): it receives the source record
 * and returns an object of values to merge (or `null`/`undefined` for nothing). A standard
 * decorator, also callable as a function on a method. The decorators only record metadata, so
 * their order does not matter.
 *
 * @example
 * ```ts
 * (Base) => class extends Base {
 *   @mapping @onlyCreate @changedBy('first', 'last')
 *   name(record: SourceRecord) { return { name: `${record['first']} ${record['last']}` }; }
 * }
 * ```
 */
export function mapping<TMethod extends AnyMethod>(
  method: TMethod,
  _context?: ClassMethodDecoratorContext,
): TMethod {
  markOf(method).mapping = true;
  return method;
}

/** Run the mapping method only when the values are for a creation (upstream `@only_create`). */
export function onlyCreate<TMethod extends AnyMethod>(
  method: TMethod,
  _context?: ClassMethodDecoratorContext,
): TMethod {
  markOf(method).onlyCreate = true;
  return method;
}

/**
 * The source fields whose change triggers the mapping method when `values({ fields })`
 * filters (upstream `@changed_by`). Without it, the method runs whatever the filter.
 */
export function changedBy(
  ...fields: readonly string[]
): <TMethod extends AnyMethod>(method: TMethod, context?: ClassMethodDecoratorContext) => TMethod {
  return (method) => {
    const mark = markOf(method);
    for (const field of fields) mark.changedBy.add(field);
    return method;
  };
}
