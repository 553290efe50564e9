import type { Addon } from '../addon.js';
import type { ComponentDefinition } from '../component-definition.js';
import { ComponentRegistry, type ComponentRegistryOptions } from '../component-registry.js';
import { AddonError } from '../errors/addon-error.js';

/** Options of {@link createTestRegistry}. */
export interface TestRegistryOptions extends ComponentRegistryOptions {
  /** Addons to include (their dependencies come along). */
  readonly addons?: readonly Addon[];
  /**
   * Addon names to leave out (for example the addon under test, so its components can be added
   * one by one). An included addon that depends on an excluded one is an error.
   */
  readonly exclude?: readonly string[];
  /** Ad-hoc components, declared after every addon in a private addon named `'test'`. */
  readonly components?: readonly ComponentDefinition[];
}

/**
 * A private, ready registry for a test: chosen addons plus ad-hoc components. Nothing global is
 * touched, so tests can run in parallel.
 *
 * @example
 * ```ts
 * const registry = createTestRegistry({ addons: [connectorAddon], components: [FakeAdapter] });
 * ```
 */
export function createTestRegistry(options: TestRegistryOptions = {}): ComponentRegistry {
  const excluded = new Set(options.exclude ?? []);
  const addons = withoutExcluded(options.addons ?? [], excluded);
  const testAddon: Addon = {
    name: 'test',
    depends: addons.map((addon) => addon.name),
    components: options.components ?? [],
  };
  const registry = new ComponentRegistry({
    key: options.key ?? 'test',
    cacheSize: options.cacheSize,
  });
  return registry.build([...addons, testAddon]);
}

/** The addons and their dependency closure, minus the excluded ones, with dependencies by name. */
function withoutExcluded(addons: readonly Addon[], excluded: ReadonlySet<string>): Addon[] {
  const seen = new Map<string, Addon>();
  const visit = (addon: Addon, from: string | undefined): void => {
    if (excluded.has(addon.name)) {
      if (from !== undefined) {
        throw new AddonError(
          'unknown-addon',
          [addon.name],
          `Addon '${from}' depends on '${addon.name}', which the test registry excludes.`,
        );
      }
      return;
    }
    if (seen.has(addon.name)) return;
    seen.set(addon.name, addon);
    const depends = (addon.depends ?? []).map((dep) => {
      if (typeof dep !== 'string') visit(dep, addon.name);
      else if (excluded.has(dep)) visit({ name: dep }, addon.name);
      return typeof dep === 'string' ? dep : dep.name;
    });
    seen.set(addon.name, { ...addon, depends });
  };
  for (const addon of addons) visit(addon, undefined);
  return [...seen.values()];
}
