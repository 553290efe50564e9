import type { ComponentRegistry } from './component-registry.js';
import { RegistryNotReadyError } from './errors/registry-not-ready-error.js';

/**
 * Registries by key (tenant, database, app instance). Replacing the registry of a key is how a
 * tenant's components are rebuilt; there is no process-global registry.
 */
export class ComponentRegistries {
  readonly #registries = new Map<string, ComponentRegistry>();

  /** Store a registry under its own `key` (replacing any previous one). */
  add(registry: ComponentRegistry): this {
    this.#registries.set(registry.key, registry);
    return this;
  }

  /** The registry of `key`, or `undefined`. */
  get(key: string): ComponentRegistry | undefined {
    return this.#registries.get(key);
  }

  /** The ready registry of `key`; `RegistryNotReadyError` when absent or not built. */
  require(key: string): ComponentRegistry {
    const registry = this.#registries.get(key);
    if (registry === undefined)
      throw new RegistryNotReadyError(key, 'no registry exists for this key');
    registry.assertReady();
    return registry;
  }

  /** True when a registry exists for `key` and is built. */
  isReady(key: string): boolean {
    return this.#registries.get(key)?.ready ?? false;
  }

  delete(key: string): boolean {
    return this.#registries.delete(key);
  }

  keys(): string[] {
    return [...this.#registries.keys()];
  }
}
