import {
  WorkContext,
  WorkContextError,
  type Collection,
  type ComponentByName,
  type ComponentByUsage,
  type ComponentName,
  type ComponentQuery,
  type ComponentRegistry,
  type ComponentUsage,
  type RegisteredEnv,
  type WorkContextOptions,
} from '@bindery/component';

/** Options to create an {@link EventWorkContext}: an env, a collection, or both. */
export interface EventWorkContextOptions<TExtra extends object = object> {
  /** A ready registry. */
  readonly registry: ComponentRegistry;
  /** The model the event is about. */
  readonly modelName: string;
  /** Required unless a collection is given; defaults to `collection.env`. */
  readonly env?: RegisteredEnv;
  /** Optional: without one, the listeners of every collection are collected. */
  readonly collection?: Collection;
  /** Extra data handed to listeners (and to contexts made by `workOn`). */
  readonly extra?: TExtra;
}

/**
 * The work context events are collected and notified with. Unlike a plain {@link WorkContext}
 * it may have no collection (an env is enough): events fired by the data layer are global.
 * Looking up components needs a collection, so `workOn()` switches back to a plain `WorkContext`
 * and the lookup methods delegate to it.
 */
export class EventWorkContext<TExtra extends object = object> extends WorkContext<TExtra> {
  constructor(options: EventWorkContextOptions<TExtra>) {
    assertEnvOrCollection(options);
    super(options as WorkContextOptions<TExtra>);
  }

  /** Type marker read by `WorkContext.workOn`: an event context switches back to a plain one. */
  get '~workOn'(): 'plain' {
    return 'plain';
  }

  /** True when the context has a collection (else `collection` throws). */
  get hasCollection(): boolean {
    return this._collection !== undefined;
  }

  /** The collection; throws `WorkContextError` (subject `'collection'`) in env-only mode. */
  override get collection(): Collection {
    if (this._collection === undefined) {
      throw new WorkContextError(
        'collection',
        `${this.toString()} has no collection (it is optional for events).`,
      );
    }
    return this._collection;
  }

  /**
   * A plain {@link WorkContext} (never an event context) for `modelName` and this context's
   * collection, or the given one, whose env (if any) must be this context's env. Registry, env
   * and extra data are kept. Throws `WorkContextError` when no collection is available.
   */
  override workOn(
    modelName?: string,
    overrides: { readonly collection?: Collection } = {},
  ): this extends { readonly '~workOn': 'plain' } ? WorkContext<TExtra> : this {
    const collection = this.switchCollection(overrides.collection);
    return new WorkContext<TExtra>({
      registry: this.registry,
      collection,
      modelName: modelName ?? this.modelName,
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- RegisteredEnv may be augmented
      env: this.ownEnv() as RegisteredEnv,
      extra: this.extra as TExtra,
    }) as this extends { readonly '~workOn': 'plain' } ? WorkContext<TExtra> : this;
  }

  /** Like `WorkContext.component`, through `workOn()`; needs a collection. */
  override component<const TUsage extends ComponentUsage | undefined = undefined>(
    query: ComponentQuery<TUsage> = {},
  ): ComponentByUsage<TUsage> {
    return this.lookupContext('component', query.modelName).component(query);
  }

  /** Like `WorkContext.manyComponents` (an array, in registry order), through `workOn()`; needs a collection. */
  override manyComponents<const TUsage extends ComponentUsage | undefined = undefined>(
    query: ComponentQuery<TUsage> = {},
  ): ComponentByUsage<TUsage>[] {
    return this.lookupContext('manyComponents', query.modelName).manyComponents(query);
  }

  /** Like `WorkContext.componentByName`, through `workOn()`; needs a collection. */
  override componentByName<const TName extends ComponentName>(
    name: TName,
    options: { readonly modelName?: string } = {},
  ): ComponentByName<TName> {
    return this.lookupContext('componentByName', options.modelName).componentByName(name, options);
  }

  /** `EventWorkContext(<model>, <collection name or 'env only'>)`; never throws. */
  override toString(): string {
    return `${this.constructor.name}(${this.modelName}, ${this._collection?.name ?? 'env only'})`;
  }

  /** The env given, else the collection's; `undefined` when neither has one (never throws). */
  private ownEnv(): unknown {
    return this._env ?? this._collection?.env;
  }

  private switchCollection(given: Collection | undefined): Collection {
    const collection = given ?? this._collection;
    if (collection === undefined) {
      throw new WorkContextError(
        'collection',
        `${this.toString()} has no collection to work on: pass one, work.workOn(modelName, { collection }).`,
      );
    }
    if (collection.env !== undefined && collection.env !== this.ownEnv()) {
      throw new WorkContextError(
        'env',
        `The env of collection '${collection.name}' is not the env of ${this.toString()}; ` +
          'an event context only switches to collections of its own env.',
      );
    }
    return collection;
  }

  private lookupContext(method: string, modelName: string | undefined): WorkContext<TExtra> {
    if (this._collection === undefined) {
      throw new WorkContextError(
        'collection',
        `Can't call ${method}() on ${this.toString()}, which has no collection. ` +
          `Hint: use work.workOn(modelName, { collection }).${method}(...).`,
      );
    }
    return this.workOn(modelName ?? this.modelName);
  }
}

function assertEnvOrCollection(options: EventWorkContextOptions<object>): void {
  const { env, collection } = options;
  if (env === undefined && collection === undefined) {
    throw new WorkContextError(
      'options',
      'An EventWorkContext needs an env or a collection (or both).',
    );
  }
  if (env !== undefined && collection?.env !== undefined && collection.env !== env) {
    throw new WorkContextError(
      'options',
      `The env of collection '${collection.name}' is not the env given to the EventWorkContext.`,
    );
  }
}
