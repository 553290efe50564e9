import {
  defineComponent,
  extendComponent,
  type ComponentClass,
  type ComponentDefinition,
  type ComponentRegistry,
} from '@bindery/component';
import { createTestRegistry } from '@bindery/component/test';
import { describe, expect, it } from 'vitest';
import { connectorAddon } from '../connector-addon.js';
import { ImportMapper } from './import-mapper.js';
import { changedBy, mapping, mappingMarkOf, onlyCreate } from './mapping-decorators.js';
import { mappingDefinitions, type MappingDefinition } from './mapping-definitions.js';

const ParentA = defineComponent(
  { name: 'test.parent.a', inherit: ImportMapper, abstract: true },
  (Base) =>
    class extends Base {
      @mapping
      @changedBy('x')
      shared(): Record<string, unknown> {
        return { shared: 'a' };
      }

      @mapping
      onlyInA(): Record<string, unknown> {
        return { a: true };
      }
    },
);

const ParentB = defineComponent(
  { name: 'test.parent.b', inherit: ImportMapper, abstract: true },
  (Base) =>
    class extends Base {
      @mapping
      @changedBy('y')
      @onlyCreate
      shared(): Record<string, unknown> {
        return { shared: 'b' };
      }

      @mapping
      onlyInB(): Record<string, unknown> {
        return { b: true };
      }
    },
);

const Both = defineComponent(
  { name: 'test.both', inherit: [ParentA, ParentB], applyOn: 'test.both' },
  (Base) =>
    class extends Base {
      @mapping
      zeta(): Record<string, unknown> {
        return { z: 1 };
      }

      @mapping
      alpha(): Record<string, unknown> {
        return { z: 2 };
      }
    },
);

const Redeclared = defineComponent(
  { name: 'test.redeclared', inherit: [ParentA, ParentB], applyOn: 'test.redeclared' },
  (Base) =>
    class extends Base {
      @mapping
      @changedBy('own')
      override shared(): Record<string, unknown> {
        return { shared: 'own' };
      }
    },
);

const SiblingOne = defineComponent(
  { name: 'test.sibling.one', inherit: ParentA, applyOn: 'test.one' },
  (Base) =>
    class extends Base {
      @mapping
      @changedBy('s1')
      @onlyCreate
      override shared(): Record<string, unknown> {
        return { shared: 's1' };
      }
    },
);

const SiblingTwo = defineComponent(
  { name: 'test.sibling.two', inherit: ParentA, applyOn: 'test.two' },
  (Base) => class extends Base {},
);

const Decorated = defineComponent(
  { name: 'test.decorated', inherit: ImportMapper, applyOn: 'test.decorated' },
  (Base) =>
    class extends Base {
      @changedBy('a')
      @mapping
      @onlyCreate
      first(): Record<string, unknown> {
        return {};
      }

      @onlyCreate
      @mapping
      @changedBy('a')
      second(): Record<string, unknown> {
        return {};
      }

      @changedBy('ignored')
      @onlyCreate
      notAMapping(): Record<string, unknown> {
        return { never: true };
      }
    },
);

function registry(...extra: ComponentDefinition[]): ComponentRegistry {
  return createTestRegistry({
    addons: [connectorAddon],
    components: [ParentA, ParentB, Both, Redeclared, SiblingOne, SiblingTwo, Decorated, ...extra],
  });
}

function definitions(
  reg: ComponentRegistry,
  name: string,
): Record<string, { changedBy: string[]; onlyCreate: boolean }> {
  const cls = reg.get(name) as ComponentClass;
  return Object.fromEntries(
    mappingDefinitions(cls, reg).map((d: MappingDefinition) => [
      d.name,
      { changedBy: [...d.changedBy].sort(), onlyCreate: d.onlyCreate },
    ]),
  );
}

function order(reg: ComponentRegistry, name: string): string[] {
  return mappingDefinitions(reg.get(name) as ComponentClass, reg).map((d) => d.name);
}

describe('mapping definitions', () => {
  const reg = registry();

  it('records the decorators whatever their order, and ignores undecorated methods', () => {
    expect(definitions(reg, 'test.decorated')).toEqual({
      first: { changedBy: ['a'], onlyCreate: true },
      second: { changedBy: ['a'], onlyCreate: true },
    });
  });

  it('unions changedBy and ORs onlyCreate across parent components', () => {
    expect(definitions(reg, 'test.both')['shared']).toEqual({
      changedBy: ['x', 'y'],
      onlyCreate: true,
    });
  });

  it("lets a component's own re-declaration decide onlyCreate, still unioning changedBy", () => {
    expect(definitions(reg, 'test.redeclared')['shared']).toEqual({
      changedBy: ['own', 'x', 'y'],
      onlyCreate: false,
    });
  });

  it('never leaks between siblings, nor mutates a parent (copies the sets)', () => {
    expect(definitions(reg, 'test.sibling.one')['shared']).toEqual({
      changedBy: ['s1', 'x'],
      onlyCreate: true,
    });
    expect(definitions(reg, 'test.sibling.two')['shared']).toEqual({
      changedBy: ['x'],
      onlyCreate: false,
    });
    expect(definitions(reg, 'test.parent.a')['shared']).toEqual({
      changedBy: ['x'],
      onlyCreate: false,
    });
    expect(definitions(reg, 'test.parent.b')['shared']).toEqual({
      changedBy: ['y'],
      onlyCreate: true,
    });
  });

  it('orders deterministically: parents (last inherited first), then own methods in declaration order', () => {
    expect(order(reg, 'test.both')).toEqual(['shared', 'onlyInB', 'onlyInA', 'zeta', 'alpha']);
  });

  it('lets an in-place extension re-declare a mapping for every user of the component', () => {
    const extended = registry(
      extendComponent(
        'test.parent.a',
        (Base) =>
          class extends Base {
            @mapping
            @onlyCreate
            @changedBy('ext')
            shared(): Record<string, unknown> {
              return { shared: 'extended' };
            }
          },
      ),
    );
    expect(definitions(extended, 'test.parent.a')['shared']).toEqual({
      changedBy: ['ext', 'x'],
      onlyCreate: true,
    });
    expect(definitions(extended, 'test.sibling.two')['shared']).toEqual({
      changedBy: ['ext', 'x'],
      onlyCreate: true,
    });
    expect(definitions(extended, 'test.redeclared')['shared']).toEqual({
      changedBy: ['ext', 'own', 'x', 'y'],
      onlyCreate: false,
    });
  });

  it('keeps a mapping overridden without decorator', () => {
    const overriding = registry(
      defineComponent(
        { name: 'test.plain.override', inherit: ParentA, applyOn: 'test.plain' },
        (Base) =>
          class extends Base {
            override shared(): Record<string, unknown> {
              return { shared: 'plain' };
            }
          },
      ),
    );
    expect(definitions(overriding, 'test.plain.override')['shared']).toEqual({
      changedBy: ['x'],
      onlyCreate: false,
    });
  });

  it('works as plain functions too', () => {
    const fn = (): Record<string, unknown> => ({});
    expect(mappingMarkOf(fn)).toBeUndefined();
    changedBy('q')(onlyCreate(mapping(fn)));
    expect(mappingMarkOf(fn)).toMatchObject({
      mapping: true,
      onlyCreate: true,
      changedBy: new Set(['q']),
    });
  });
});
