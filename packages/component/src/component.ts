import { componentInfoOf, type ComponentInfo } from './component-info.js';
import type { ComponentRegistry } from './component-registry.js';
import { ComponentError } from './errors/component-error.js';
import type {
  ComponentByName,
  ComponentByUsage,
  ComponentName,
  ComponentUsage,
  RegisteredEnv,
} from './typed-registry.js';
import type { Collection, ComponentQuery, WorkContext } from './work-context.js';

const plainHasInstance = Function.prototype[Symbol.hasInstance];

/**
 * The root of every component class. Layers receive a subclass of it as `Base`; the registry
 * instantiates the final classes with a {@link WorkContext}, one new instance per lookup.
 */
export class Component {
  /** The work context this instance was created for. */
  readonly work: WorkContext;

  constructor(work: WorkContext) {
    this.work = work;
  }

  /** The collection of the work context (a backend, for connectors). */
  get collection(): Collection {
    return this.work.collection;
  }

  /** The env of the work context. */
  get env(): RegisteredEnv {
    return this.work.env;
  }

  /** The model this component works on. */
  get modelName(): string {
    return this.work.modelName;
  }

  /** The name of this component in its registry. */
  get componentName(): string {
    return (this.constructor as typeof Component).componentInfo.name;
  }

  /** Shortcut for `this.work.component(query)`. */
  component<const TUsage extends ComponentUsage | undefined = undefined>(
    query: ComponentQuery<TUsage> = {},
  ): ComponentByUsage<TUsage> {
    return this.work.component(query);
  }

  /** Shortcut for `this.work.manyComponents(query)`. */
  manyComponents<const TUsage extends ComponentUsage | undefined = undefined>(
    query: ComponentQuery<TUsage> = {},
  ): ComponentByUsage<TUsage>[] {
    return this.work.manyComponents(query);
  }

  /** Shortcut for `this.work.componentByName(name, options)`. */
  componentByName<const TName extends ComponentName>(
    name: TName,
    options: { readonly modelName?: string } = {},
  ): ComponentByName<TName> {
    return this.work.componentByName(name, options);
  }

  toString(): string {
    return `Component(${this.componentName})`;
  }

  /**
   * Dynamic filter run on every `component()` / `manyComponents()` candidate (never cached).
   * Return `false` to drop this component for this lookup. `work` is the context of the model
   * being looked up (not necessarily the caller's); `query.match` carries the caller's extra data.
   */
  static componentMatch(_work: WorkContext, _query: ComponentQuery<string | undefined>): boolean {
    return true;
  }

  /**
   * Completion hook, called once on each final class after the whole registry is materialised
   * (so every component and extension exists). Override to precompute per-class data; assign it
   * on `this`, and call `super.completeBuild(registry)`.
   */
  static completeBuild(_registry: ComponentRegistry): void {
    // nothing by default
  }

  /** Build metadata of this final registry class (name, metadata, linearisation, layers). */
  static get componentInfo(): ComponentInfo {
    const info = componentInfoOf(this);
    if (info === undefined) {
      throw new ComponentError(
        `${this.name || 'This class'} is not a component built by a registry; ` +
          'get component classes from registry.get(name) or a lookup.',
      );
    }
    return info;
  }

  /**
   * `x instanceof registry.get('a')` is true when `x`'s component inherits from `a` in the same
   * registry, even through multiple inheritance (where the JS prototype chains differ).
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    const info = componentInfoOf(this);
    if (info === undefined || typeof value !== 'object' || value === null) {
      return plainHasInstance.call(this, value);
    }
    const other = componentInfoOf(value.constructor);
    if (other === undefined) return plainHasInstance.call(this, value);
    return other.registry === info.registry && other.linearization.includes(info.name);
  }
}

/**
 * A component class as layers and lookups see it: constructible with a work context, with the
 * static hooks of {@link Component}.
 */
export type ComponentClass<TInstance extends Component = Component> = (abstract new (
  work: WorkContext,
) => TInstance) &
  Omit<typeof Component, 'prototype'>;
