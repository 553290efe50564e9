import type { Addon } from './addon.js';
import { resolveAddons } from './addon-order.js';
import { Component, type ComponentClass } from './component.js';
import { setComponentInfo, type ComponentInfo } from './component-info.js';
import { bestCandidates, type LookupEntry } from './component-selection.js';
import { componentAddon } from './component-addon.js';
import { ComponentBuildError } from './errors/component-build-error.js';
import { RegistryNotReadyError } from './errors/registry-not-ready-error.js';
import { LookupCacheTree } from './lookup-cache-tree.js';
import { collectDeclarations, materialise } from './registry-builder.js';

/** Options of a {@link ComponentRegistry}. */
export interface ComponentRegistryOptions {
  /**
   * Identifies the registry (app, tenant or database) in errors and in `ComponentRegistries`.
   * @defaultValue `'default'`
   */
  readonly key?: string;
  /**
   * How many distinct lookups (collection, usage, model) a cache generation holds; the cache
   * keeps at most two generations (recently used lookups survive). `0` disables the cache.
   * @defaultValue 512
   */
  readonly cacheSize?: number;
}

/** Filters of {@link ComponentRegistry.lookup}; an omitted filter matches everything. */
export interface LookupFilters {
  /** Components of this collection plus the generic ones (no collection). */
  readonly collection?: string;
  readonly usage?: string;
  /** Components that apply to this model (or to any model). */
  readonly modelName?: string;
}

/**
 * The components of one app or tenant, built from addons in two phases (collect every
 * declaration, then materialise final classes), then frozen: ready for lookups, never mutated.
 *
 * @example
 * ```ts
 * const registry = new ComponentRegistry({ key: 'shop-a' }).build([connectorAddon, shopAddon]);
 * registry.ready; // true
 * ```
 */
export class ComponentRegistry {
  readonly key: string;
  #ready = false;
  /** Contents are final and readable (true from completeBuild hooks on, before `ready`). */
  #readable = false;
  #addons: readonly Addon[] = [];
  #classes = new Map<string, ComponentClass>();
  #infos = new Map<string, ComponentInfo>();
  readonly #cache: LookupCacheTree;

  constructor(options: ComponentRegistryOptions = {}) {
    this.key = options.key ?? 'default';
    this.#cache = new LookupCacheTree(options.cacheSize ?? 512);
  }

  /** True once `build()` has succeeded; lookups before that throw `RegistryNotReadyError`. */
  get ready(): boolean {
    return this.#ready;
  }

  /** The addons of this registry in build (dependency) order. */
  get addons(): readonly Addon[] {
    this.#assertReadable();
    return this.#addons;
  }

  /** Number of components (abstract ones included). */
  get size(): number {
    this.#assertReadable();
    return this.#classes.size;
  }

  /**
   * Build the registry from addons (their dependencies are added and ordered automatically; the
   * `component` addon is always included). Can run once: a built registry is frozen. On error,
   * nothing is kept and the registry stays not ready.
   */
  build(addons: readonly Addon[]): this {
    if (this.#ready) {
      throw new ComponentBuildError(
        'registry-frozen',
        '*',
        `Component registry '${this.key}' is already built and frozen; build a new registry instead`,
      );
    }
    const ordered = Object.freeze(resolveAddons(addons, componentAddon));
    const { classes, infos } = materialise(collectDeclarations(ordered), this);
    for (const [name, Cls] of classes) setComponentInfo(Cls, infos.get(name) as ComponentInfo);
    this.#addons = ordered;
    this.#classes = classes;
    this.#infos = infos;
    this.#readable = true;
    try {
      this.#completeBuild();
    } catch (error) {
      this.#readable = false;
      this.#addons = [];
      this.#classes = new Map();
      this.#infos = new Map();
      this.#cache.clear();
      throw error;
    }
    this.#ready = true;
    Object.freeze(this);
    return this;
  }

  #completeBuild(): void {
    for (const [name, Cls] of this.#classes) {
      try {
        Cls.completeBuild(this);
      } catch (cause) {
        const addon = this.#infos.get(name)?.addon;
        throw new ComponentBuildError(
          'invalid-layer',
          name,
          `completeBuild of component '${name}' failed`,
          {
            addon,
            cause,
          },
        );
      }
    }
  }

  /** Throws `RegistryNotReadyError` unless the registry is built. */
  assertReady(): void {
    if (!this.#ready) throw new RegistryNotReadyError(this.key);
  }

  /** Reads are allowed once built, and already from `completeBuild` hooks. */
  #assertReadable(): void {
    if (!this.#readable) throw new RegistryNotReadyError(this.key);
  }

  /** The final class of a component, or `undefined`. */
  get(name: string): ComponentClass | undefined {
    this.#assertReadable();
    return this.#classes.get(name);
  }

  has(name: string): boolean {
    this.#assertReadable();
    return this.#classes.has(name);
  }

  /** Build metadata of a component, or `undefined`. */
  info(name: string): ComponentInfo | undefined {
    this.#assertReadable();
    return this.#infos.get(name);
  }

  /** Component names in registry order (the order in which each was first declared). */
  names(): string[] {
    this.#assertReadable();
    return [...this.#classes.keys()];
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.names()[Symbol.iterator]();
  }

  /**
   * The non-abstract component classes matching the filters, in registry order. The result is
   * frozen and cached (the registry never changes, so a cached result is never stale).
   */
  lookup(filters: LookupFilters = {}): readonly ComponentClass[] {
    return this.lookupEntry(filters.collection, filters.usage, filters.modelName).classes;
  }

  /** @internal The cached lookup with ranking data, used by work contexts. */
  lookupEntry(
    collection: string | undefined,
    usage: string | undefined,
    modelName: string | undefined,
  ): LookupEntry {
    if (!this.#readable) throw new RegistryNotReadyError(this.key);
    let entry = this.#cache.get(collection, usage, modelName);
    if (entry === undefined) {
      entry = this.#computeEntry(collection, usage, modelName);
      this.#cache.set(collection, usage, modelName, entry);
    }
    return entry;
  }

  #computeEntry(
    collection: string | undefined,
    usage: string | undefined,
    modelName: string | undefined,
  ): LookupEntry {
    const classes: ComponentClass[] = [];
    const ranks: number[] = [];
    let dynamic = false;
    for (const [name, Cls] of this.#classes) {
      const info = this.#infos.get(name) as ComponentInfo;
      if (info.abstract) continue;
      if (
        collection !== undefined &&
        info.collection !== undefined &&
        info.collection !== collection
      )
        continue;
      if (usage !== undefined && info.usage !== usage) continue;
      if (
        modelName !== undefined &&
        info.applyOn !== undefined &&
        !info.applyOn.includes(modelName)
      )
        continue;
      classes.push(Cls);
      ranks.push((info.collection !== undefined ? 2 : 0) + (info.applyOn !== undefined ? 1 : 0));
      if (Cls.componentMatch !== Component.componentMatch) dynamic = true;
    }
    return Object.freeze({
      classes: Object.freeze(classes),
      ranks: Object.freeze(ranks),
      dynamic,
      best: Object.freeze(dynamic ? [] : bestCandidates(classes, ranks)),
    });
  }

  toString(): string {
    return `ComponentRegistry(${this.key}${this.#ready ? '' : ', not ready'})`;
  }
}

/**
 * Build a ready registry from addons: shorthand for `new ComponentRegistry(options).build(addons)`.
 */
export function buildRegistry(
  addons: readonly Addon[],
  options: ComponentRegistryOptions = {},
): ComponentRegistry {
  return new ComponentRegistry(options).build(addons);
}
