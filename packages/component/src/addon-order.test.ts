import { describe, expect, it } from 'vitest';
import { defineAddon, type Addon } from './addon.js';
import { resolveAddons } from './addon-order.js';
import { componentAddon } from './component-addon.js';
import { defineComponent, extendComponent } from './component-definition.js';
import { buildRegistry } from './component-registry.js';
import { AddonError } from './errors/addon-error.js';

const names = (addons: readonly Addon[]) => addons.map((addon) => addon.name);

function expectAddonError(fn: () => unknown, code: string, addons: string[], fragment: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AddonError);
    expect((error as AddonError).code).toBe(code);
    expect((error as AddonError).addons).toEqual(addons);
    expect((error as AddonError).message).toContain(fragment);
    return;
  }
  throw new Error('expected an AddonError');
}

describe('addon order (D6)', () => {
  it('orders by dependency depth, then by name, whatever the input order', () => {
    const connector = defineAddon({ name: 'connector' });
    const ecommerce = defineAddon({ name: 'ecommerce', depends: [connector] });
    const shop = defineAddon({ name: 'shop', depends: ['ecommerce', 'connector'] });
    const audit = defineAddon({ name: 'audit' });
    const expected = ['component', 'audit', 'connector', 'ecommerce', 'shop'];
    expect(names(resolveAddons([shop, ecommerce, audit, connector], componentAddon))).toEqual(
      expected,
    );
    expect(names(resolveAddons([audit, connector, shop, ecommerce], componentAddon))).toEqual(
      expected,
    );
  });

  it('pulls in addon objects named as dependencies', () => {
    const connector = defineAddon({ name: 'connector' });
    const shop = defineAddon({ name: 'shop', depends: [connector] });
    expect(names(resolveAddons([shop], componentAddon))).toEqual([
      'component',
      'connector',
      'shop',
    ]);
  });

  it('reports an unknown dependency by name', () => {
    const shop = defineAddon({ name: 'shop', depends: ['connector'] });
    expectAddonError(
      () => resolveAddons([shop], componentAddon),
      'unknown-addon',
      ['connector'],
      "Addon 'shop' depends on 'connector'",
    );
  });

  it('reports cycles with the addons on them', () => {
    const a = defineAddon({ name: 'a', depends: ['c'] });
    const b = defineAddon({ name: 'b', depends: ['a'] });
    const c = defineAddon({ name: 'c', depends: ['b'] });
    expectAddonError(
      () => resolveAddons([a, b, c], componentAddon),
      'dependency-cycle',
      ['a', 'c', 'b', 'a'],
      'a -> c -> b -> a',
    );
  });

  it('rejects two different addons with one name, but accepts the same object twice', () => {
    const one = defineAddon({ name: 'x' });
    expect(names(resolveAddons([one, one], componentAddon))).toEqual(['component', 'x']);
    expectAddonError(
      () => resolveAddons([one, defineAddon({ name: 'x' })], componentAddon),
      'duplicate-addon',
      ['x'],
      "named 'x'",
    );
  });

  it('validates the shape of addons eagerly', () => {
    expect(() => defineAddon({ name: '' })).toThrow(AddonError);
    expect(() => defineAddon({ name: 'x', components: [{} as never] })).toThrow(
      'components[0] is not a component definition',
    );
    expect(() => defineAddon({ name: 'x', depends: 'y' as never })).toThrow(
      'depends must be an array',
    );
  });

  it('lets an addon extend components of the addons it depends on, in dependency order', () => {
    const Thing = defineComponent(
      { name: 'thing' },
      (Base) =>
        class extends Base {
          parts(): string[] {
            return ['thing'];
          }
        },
    );
    const lower = defineAddon({ name: 'lower', components: [Thing] });
    const upper = defineAddon({
      name: 'upper',
      depends: [lower],
      components: [
        extendComponent(
          Thing,
          (Base) =>
            class extends Base {
              override parts(): string[] {
                return [...super.parts(), 'upper'];
              }
            },
        ),
      ],
    });
    const registry = buildRegistry([upper]);
    expect(names(registry.addons)).toEqual(['component', 'lower', 'upper']);
    expect(registry.info('thing')?.layers.map((layer) => layer.addon)).toEqual([
      'upper',
      'lower',
      'component',
    ]);
  });
});
