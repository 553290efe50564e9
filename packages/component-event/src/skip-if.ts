/** A skip condition: called with the listener as `this` and the listener's arguments. */
export type SkipCondition<TThis, TArgs extends unknown[]> = (
  this: TThis,
  ...args: TArgs
) => unknown;

/** A function called with `this` bound: a listener method, or its wrapper. */
export type ListenerMethod<TThis, TArgs extends unknown[], TReturn> = (
  this: TThis,
  ...args: TArgs
) => TReturn;

/**
 * The decorator form of {@link skipIf}: applies to a listener method that returns nothing (or a
 * promise of nothing) and whose leading parameters are the condition's.
 */
export type SkipIfDecorator<TCondThis, TCondArgs extends unknown[]> = <
  TThis extends TCondThis,
  TArgs extends [...TCondArgs, ...unknown[]],
  TReturn extends void | Promise<void>,
>(
  method: ListenerMethod<TThis, TArgs, TReturn>,
  context: ClassMethodDecoratorContext<TThis, ListenerMethod<TThis, TArgs, TReturn>>,
) => ListenerMethod<TThis, TArgs, TReturn>;

/**
 * Skip a listener method when `cond` is truthy: `cond` is called with the listener as `this` and
 * the method's arguments; truthy → the method is not called and the call returns `undefined`
 * (a resolved promise for an `async` method); falsy → the method runs as usual. `cond` must be
 * synchronous (a returned promise throws a `TypeError` rather than always skipping).
 *
 * As a standard (TC39) method decorator, the method keeps its name, so it still handles the event:
 *
 * ```ts
 * (Base) => class extends Base {
 *   @skipIf((record: EventRecord) => record.id === 0)
 *   async onRecordCreate(record: EventRecord, info: RecordChangeInfo) { ... }
 * }
 * ```
 *
 * Or as a wrapper: `skipIf(cond, fn)` returns the wrapped function.
 */
export function skipIf<TThis, TArgs extends unknown[]>(
  cond: SkipCondition<TThis, TArgs>,
): SkipIfDecorator<TThis, TArgs>;
export function skipIf<TThis, TArgs extends unknown[], TReturn>(
  cond: NoInfer<SkipCondition<TThis, TArgs>>,
  fn: ListenerMethod<TThis, TArgs, TReturn>,
): ListenerMethod<TThis, TArgs, TReturn | undefined>;
export function skipIf<TThis, TArgs extends unknown[], TReturn>(
  cond: SkipCondition<TThis, TArgs>,
  fn?: ListenerMethod<TThis, TArgs, TReturn>,
): SkipIfDecorator<TThis, TArgs> | ListenerMethod<TThis, TArgs, TReturn | undefined> {
  if (typeof cond !== 'function') throw new TypeError('skipIf(cond): cond must be a function.');
  if (fn !== undefined) return wrapSkippable(cond, fn);
  const decorator = (
    method: ListenerMethod<unknown, unknown[], unknown>,
  ): ListenerMethod<unknown, unknown[], unknown> =>
    wrapSkippable(cond as SkipCondition<unknown, unknown[]>, method);
  return decorator as SkipIfDecorator<TThis, TArgs>;
}

function wrapSkippable<TThis, TArgs extends unknown[], TReturn>(
  cond: SkipCondition<TThis, TArgs>,
  fn: ListenerMethod<TThis, TArgs, TReturn>,
): ListenerMethod<TThis, TArgs, TReturn | undefined> {
  if (typeof fn !== 'function') throw new TypeError('skipIf(cond, fn): fn must be a function.');
  const skipped = isAsyncFunction(fn) ? () => Promise.resolve(undefined) : () => undefined;
  const wrapper = function (this: TThis, ...args: TArgs): TReturn | undefined {
    const skip = cond.call(this, ...args);
    if (isThenable(skip)) {
      throw new TypeError(
        `skipIf: the condition of '${fn.name}' returned a promise; it must be synchronous.`,
      );
    }
    return skip ? (skipped() as TReturn | undefined) : fn.call(this, ...args);
  };
  Object.defineProperty(wrapper, 'name', { value: fn.name });
  return wrapper;
}

function isAsyncFunction(fn: unknown): boolean {
  return (
    typeof fn === 'function' &&
    (fn as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'AsyncFunction'
  );
}

function isThenable(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof Reflect.get(value, 'then') === 'function'
  );
}
