import { isComponentDefinition, type ComponentDefinition } from './component-definition.js';
import { AddonError } from './errors/addon-error.js';

/**
 * A unit of packaging: a name, the addons it builds on, and what it contributes. Other Bindery
 * packages add their own keys (models, jobs, migrations...) by augmenting this interface.
 */
export interface Addon {
  /** Unique name within a registry, e.g. `'connector'`. */
  readonly name: string;
  /**
   * Addons this one builds on: their components exist before this addon's are declared, so this
   * addon may inherit or extend them. Addon objects are included automatically; names must be
   * among the addons given to the registry. Every addon implicitly depends on `'component'`.
   */
  readonly depends?: readonly (string | Addon)[];
  /** Components declared or extended by this addon, in order. */
  readonly components?: readonly ComponentDefinition[];
}

/**
 * Declare an addon. Checks its shape eagerly and returns it frozen.
 *
 * @example
 * ```ts
 * export const shopAddon = defineAddon({
 *   name: 'shop-connector',
 *   depends: [connectorAddon],
 *   components: [ShopBinder, ShopProductImporter],
 * });
 * ```
 */
export function defineAddon<const TAddon extends Addon>(addon: TAddon): TAddon {
  assertAddonShape(addon);
  return Object.freeze(addon);
}

/** @internal Validate the shape of an addon object, naming it in the error. */
export function assertAddonShape(addon: unknown): asserts addon is Addon {
  if (typeof addon !== 'object' || addon === null) {
    throw new AddonError(
      'invalid-addon',
      [String(addon)],
      `An addon must be an object, got ${String(addon)}.`,
    );
  }
  const { name, depends, components } = addon as Partial<Addon>;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new AddonError(
      'invalid-addon',
      [String(name)],
      'An addon needs a non-empty string name.',
    );
  }
  if (depends !== undefined && !Array.isArray(depends)) {
    throw new AddonError('invalid-addon', [name], `Addon '${name}': depends must be an array.`);
  }
  for (const dep of depends ?? []) {
    if (typeof dep !== 'string' && (typeof dep !== 'object' || dep === null)) {
      throw new AddonError(
        'invalid-addon',
        [name],
        `Addon '${name}': each dependency must be an addon or its name.`,
      );
    }
  }
  if (components !== undefined && !Array.isArray(components)) {
    throw new AddonError('invalid-addon', [name], `Addon '${name}': components must be an array.`);
  }
  (components ?? []).forEach((definition: unknown, index) => {
    if (!isComponentDefinition(definition)) {
      throw new AddonError(
        'invalid-addon',
        [name],
        `Addon '${name}': components[${index}] is not a component definition ` +
          '(make it with defineComponent or extendComponent).',
      );
    }
  });
}
