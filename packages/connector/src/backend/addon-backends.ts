import type { ComponentRegistry } from '@bindery/component';
import type { BackendDefinition } from './backend-definition.js';

declare module '@bindery/component' {
  interface Addon {
    /** Backends this addon defines (`@bindery/connector`): their models and resources. */
    readonly backends?: readonly BackendDefinition[];
  }
}

const cache = new WeakMap<ComponentRegistry, ReadonlyMap<string, BackendDefinition>>();

/** The backend definitions of a registry's addons by model name (the last one wins). */
export function backendDefinitions(
  registry: ComponentRegistry,
): ReadonlyMap<string, BackendDefinition> {
  let found = cache.get(registry);
  if (found === undefined) {
    const map = new Map<string, BackendDefinition>();
    for (const addon of registry.addons) {
      for (const definition of addon.backends ?? []) map.set(definition.model, definition);
    }
    found = map;
    cache.set(registry, found);
  }
  return found;
}
