import { describe, expect, it } from 'vitest';
import { defineAddon } from '../addon.js';
import { defineComponent } from '../component-definition.js';
import { AddonError } from '../errors/addon-error.js';
import { createTestRegistry } from './index.js';

const Mapper = defineComponent(
  { name: 'mapper', abstract: true, usage: 'mapper' },
  (Base) => class extends Base {},
);
const lower = defineAddon({ name: 'lower', components: [Mapper] });
const TestMapper = defineComponent(
  { name: 'test.mapper', inherit: 'mapper', collection: 'test.collection' },
  (Base) => class extends Base {},
);
const middle = defineAddon({ name: 'middle', depends: [lower], components: [TestMapper] });

describe('createTestRegistry (K, §3.1.15)', () => {
  it('builds a private ready registry from addons plus ad-hoc components', () => {
    const Adhoc = defineComponent(
      { name: 'adhoc', inherit: 'mapper' },
      (Base) => class extends Base {},
    );
    const registry = createTestRegistry({ addons: [middle], components: [Adhoc] });
    expect(registry.ready).toBe(true);
    expect(registry.key).toBe('test');
    expect(registry.names()).toEqual(['base', 'mapper', 'test.mapper', 'adhoc']);
    expect(registry.addons.map((addon) => addon.name)).toEqual([
      'component',
      'lower',
      'middle',
      'test',
    ]);
  });

  it('excludes addons so their components can be tested one by one', () => {
    const registry = createTestRegistry({
      addons: [lower],
      exclude: ['middle'],
      components: [TestMapper],
    });
    expect(registry.names()).toEqual(['base', 'mapper', 'test.mapper']);
  });

  it('rejects excluding an addon that a kept addon needs', () => {
    expect(() => createTestRegistry({ addons: [middle], exclude: ['lower'] })).toThrow(AddonError);
    expect(() => createTestRegistry({ addons: [middle], exclude: ['lower'] })).toThrow(
      "Addon 'middle' depends on 'lower'",
    );
  });

  it('builds only the component addon when given nothing', () => {
    expect(createTestRegistry().names()).toEqual(['base']);
  });
});
