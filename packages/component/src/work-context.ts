import type { Component, ComponentClass } from './component.js';
import type { ComponentRegistry } from './component-registry.js';
import { selectComponent } from './component-selection.js';
import { NoComponentError } from './errors/no-component-error.js';
import { WorkContextError } from './errors/work-context-error.js';
import type {
  ComponentByName,
  ComponentByUsage,
  ComponentName,
  ComponentUsage,
  RegisteredEnv,
} from './typed-registry.js';

/**
 * What components are grouped by: any object with a `name` (for connectors, a backend record
 * whose name is the backend model, e.g. `'shop.backend'`). An `env` on it is used when the work
 * context is given none.
 */
export interface Collection {
  readonly name: string;
  readonly env?: unknown;
}

/** Arguments of `component()` / `manyComponents()`. */
export interface ComponentQuery<TUsage extends string | undefined = string | undefined> {
  /** Only components with this usage. Omitted: every usage. */
  readonly usage?: TUsage;
  /** Look up for this model instead of the context's own (a context for it is derived). */
  readonly modelName?: string;
  /** Extra data for the candidates' `componentMatch` hooks. */
  readonly match?: Readonly<Record<string, unknown>>;
}

/** Options to create a {@link WorkContext}. */
export interface WorkContextOptions<TExtra extends object = object> {
  /** A ready registry (see `buildRegistry`). */
  readonly registry: ComponentRegistry;
  readonly collection: Collection;
  readonly modelName: string;
  /** Defaults to `collection.env`. */
  readonly env?: RegisteredEnv;
  /** Anything else components need (API client, options); copied by `workOn()`. */
  readonly extra?: TExtra;
}

/**
 * What a unit of work is about: a registry, a collection, a model, an env and extra data.
 * Components are looked up and instantiated through it.
 *
 * @example
 * ```ts
 * const work = new WorkContext({ registry, collection: backend, modelName: 'shop.product' });
 * const importer = work.component({ usage: 'record.importer' });
 * ```
 */
export class WorkContext<TExtra extends object = object> {
  readonly registry: ComponentRegistry;
  readonly modelName: string;
  /** Extra data, shallow-frozen; `workOn()` hands the same values to the new context. */
  readonly extra: Readonly<TExtra>;
  /** @internal */
  protected readonly _collection: Collection | undefined;
  /** @internal */
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- RegisteredEnv may be augmented
  protected readonly _env: RegisteredEnv | undefined;

  constructor(options: WorkContextOptions<TExtra>) {
    if (typeof options.modelName !== 'string' || options.modelName === '') {
      throw new WorkContextError('options', 'A work context needs a non-empty modelName.');
    }
    if (!options.registry.ready) options.registry.assertReady();
    this.registry = options.registry;
    this.modelName = options.modelName;
    this._collection = options.collection as Collection | undefined;
    this._env = options.env;
    this.extra = Object.freeze({ ...(options.extra ?? ({} as TExtra)) });
  }

  /** The collection; every plain work context has one. */
  get collection(): Collection {
    if (this._collection === undefined) {
      throw new WorkContextError('collection', `${this.toString()} has no collection.`);
    }
    return this._collection;
  }

  /** The env given to the context, else the collection's. Throws when neither has one. */
  get env(): RegisteredEnv {
    const env: unknown = this._env ?? this._collection?.env;
    if (env === undefined) {
      throw new WorkContextError(
        'env',
        `${this.toString()} has no env (pass one, or use a collection with an env).`,
      );
    }
    return env as RegisteredEnv;
  }

  /**
   * A new context of the same class for another model (and optionally another collection), with
   * the same registry, env and extra data. The original is unchanged.
   *
   * A subclass that switches back to a plain `WorkContext` instead (`EventWorkContext` does)
   * declares the type marker `readonly '~workOn': 'plain'`, and its override returns a plain
   * context; the conditional return type lets that override be typed honestly.
   */
  workOn(
    modelName?: string,
    overrides: { readonly collection?: Collection } = {},
  ): this extends { readonly '~workOn': 'plain' } ? WorkContext<TExtra> : this {
    return this.clone({
      registry: this.registry,
      collection: overrides.collection ?? this.collection,
      modelName: modelName ?? this.modelName,
      env: this._env,
      extra: this.extra as TExtra,
    }) as this extends { readonly '~workOn': 'plain' } ? WorkContext<TExtra> : this;
  }

  /**
   * Create a context of the same class. Subclasses whose constructor takes other arguments
   * override this.
   */
  protected clone(options: WorkContextOptions<TExtra>): this {
    const Ctor = this.constructor as new (options: WorkContextOptions<TExtra>) => this;
    return new Ctor(options);
  }

  /**
   * The single best component for the query: collection-specific beats generic first, then
   * model-specific beats generic; a tie raises `SeveralComponentError`, no candidate raises
   * `NoComponentError`. See the package README for the ranking.
   */
  component<const TUsage extends ComponentUsage | undefined = undefined>(
    query: ComponentQuery<TUsage> = {},
  ): ComponentByUsage<TUsage> {
    const modelName = query.modelName ?? this.modelName;
    const collection = this.collection.name;
    const entry = this.registry.lookupEntry(collection, query.usage, modelName);
    const target = modelName === this.modelName ? this : this.workOn(modelName);
    const Cls = selectComponent(entry, target, query, collection);
    return new (Cls as unknown as new (work: WorkContext) => ComponentByUsage<TUsage>)(target);
  }

  /**
   * Every matching component (generic and specific together), in registry order; `[]` when none.
   */
  manyComponents<const TUsage extends ComponentUsage | undefined = undefined>(
    query: ComponentQuery<TUsage> = {},
  ): ComponentByUsage<TUsage>[] {
    const modelName = query.modelName ?? this.modelName;
    const entry = this.registry.lookupEntry(this.collection.name, query.usage, modelName);
    const target = modelName === this.modelName ? this : this.workOn(modelName);
    const result: ComponentByUsage<TUsage>[] = [];
    for (const Cls of entry.classes) {
      if (entry.dynamic && !Cls.componentMatch(target, query)) continue;
      result.push(
        new (Cls as unknown as new (work: WorkContext) => ComponentByUsage<TUsage>)(target),
      );
    }
    return result;
  }

  /**
   * The component with this name, checked against the context's collection and model (abstract
   * components included; no usage or `componentMatch` check).
   */
  componentByName<const TName extends ComponentName>(
    name: TName,
    options: { readonly modelName?: string } = {},
  ): ComponentByName<TName> {
    const modelName = options.modelName ?? this.modelName;
    const Cls = this.componentClassByName(name);
    const { collection, applyOn } = Cls.componentInfo;
    const query = {
      collection: this.collection.name,
      usage: undefined,
      modelName,
      componentName: name,
    };
    if (collection !== undefined && collection !== this.collection.name) {
      throw new NoComponentError(
        `Component with name '${name}' can't be used for collection '${this.collection.name}'.`,
        query,
      );
    }
    if (applyOn !== undefined && !applyOn.includes(modelName)) {
      const hint =
        applyOn.length === 1
          ? `'${applyOn[0]}'`
          : `<one of ${applyOn.map((m) => `'${m}'`).join(', ')}>`;
      throw new NoComponentError(
        `Component with name '${name}' can't be used for model '${modelName}'.\n` +
          `Hint: you might want to use: componentByName('${name}', { modelName: ${hint} })`,
        query,
      );
    }
    const target = modelName === this.modelName ? this : this.workOn(modelName);
    return new (Cls as unknown as new (work: WorkContext) => ComponentByName<TName>)(target);
  }

  /** The final class registered under `name`; `NoComponentError` when unknown. */
  componentClassByName(name: string): ComponentClass<Component> {
    const Cls = this.registry.get(name);
    if (Cls === undefined) {
      throw new NoComponentError(`No component with name '${name}' found.`, {
        collection: this._collection?.name,
        usage: undefined,
        modelName: this.modelName,
        componentName: name,
      });
    }
    return Cls;
  }

  toString(): string {
    return `${this.constructor.name}(${this.modelName}, ${this._collection?.name ?? '<no collection>'})`;
  }
}
