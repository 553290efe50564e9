import { assertAddonShape, type Addon } from './addon.js';
import { AddonError } from './errors/addon-error.js';

/**
 * Collect the addons and everything they depend on, and order them so that each comes after its
 * dependencies: by dependency depth, then by name (deterministic whatever the input order).
 * `root` (the addon every other one depends on) is always first.
 *
 * Throws `AddonError` for an unknown dependency, two different addons with one name, or a
 * dependency cycle (listing the addons on it).
 */
export function resolveAddons(addons: readonly Addon[], root: Addon): Addon[] {
  const byName = collectAddons([root, ...addons]);
  const depths = new Map<string, number>();
  const stack: string[] = [];

  const depthOf = (name: string): number => {
    const known = depths.get(name);
    if (known !== undefined) return known;
    const at = stack.indexOf(name);
    if (at !== -1) {
      const cycle = [...stack.slice(at), name];
      throw new AddonError(
        'dependency-cycle',
        cycle,
        `Addon dependency cycle: ${cycle.join(' -> ')}.`,
      );
    }
    stack.push(name);
    const addon = byName.get(name) as Addon;
    let depth = 0;
    for (const dep of dependencyNames(addon, root.name)) {
      if (!byName.has(dep)) {
        throw new AddonError(
          'unknown-addon',
          [dep],
          `Addon '${name}' depends on '${dep}', which is not among the addons given to the registry.`,
        );
      }
      depth = Math.max(depth, depthOf(dep) + 1);
    }
    stack.pop();
    depths.set(name, depth);
    return depth;
  };

  for (const name of byName.keys()) depthOf(name);
  return [...byName.values()].sort(
    (a, b) => (depths.get(a.name) ?? 0) - (depths.get(b.name) ?? 0) || compareNames(a.name, b.name),
  );
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names an addon depends on, with the implicit root dependency. */
function dependencyNames(addon: Addon, rootName: string): string[] {
  const names = (addon.depends ?? []).map((dep) => (typeof dep === 'string' ? dep : dep.name));
  if (addon.name !== rootName && !names.includes(rootName)) names.push(rootName);
  return names;
}

/** Walk addon objects (and the addon objects they depend on), rejecting name clashes. */
function collectAddons(addons: readonly Addon[]): Map<string, Addon> {
  const byName = new Map<string, Addon>();
  const pending = [...addons];
  while (pending.length > 0) {
    const addon = pending.shift() as Addon;
    assertAddonShape(addon);
    const existing = byName.get(addon.name);
    if (existing === addon) continue;
    if (existing !== undefined) {
      throw new AddonError(
        'duplicate-addon',
        [addon.name],
        `Two different addons are named '${addon.name}'; addon names must be unique in a registry.`,
      );
    }
    byName.set(addon.name, addon);
    for (const dep of addon.depends ?? []) if (typeof dep !== 'string') pending.push(dep);
  }
  return byName;
}
