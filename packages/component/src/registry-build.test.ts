import { describe, expect, it } from 'vitest';
import { defineAddon } from './addon.js';
import { type Component } from './component.js';
import {
  defineComponent,
  extendComponent,
  type ComponentDefinition,
} from './component-definition.js';
import { buildRegistry, ComponentRegistry } from './component-registry.js';
import { ComponentBuildError } from './errors/component-build-error.js';
import { RegistryNotReadyError } from './errors/registry-not-ready-error.js';
import { WorkContext } from './work-context.js';
import { collection } from './__fixtures__/collections.js';

const Speaker = defineComponent(
  { name: 'speaker', usage: 'speak' },
  (Base) =>
    class extends Base {
      say(): string {
        return 'foo';
      }
    },
);
const SpeakerBar = extendComponent(
  Speaker,
  (Base) =>
    class extends Base {
      override say(): string {
        return super.say() + ' bar';
      }
    },
);

function buildOne(...components: ComponentDefinition[][]) {
  return buildRegistry([defineAddon({ name: 'a', components: components.flat() })]);
}

function expectBuildError(fn: () => unknown, code: string, component: string, fragment: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ComponentBuildError);
    const buildError = error as ComponentBuildError;
    expect(buildError.code).toBe(code);
    expect(buildError.component).toBe(component);
    expect(buildError.message).toContain(fragment);
    return buildError;
  }
  throw new Error('expected a ComponentBuildError');
}

describe('building components', () => {
  it('applies in-place extensions with cooperative super (C10)', () => {
    const registry = buildOne([Speaker, SpeakerBar]);
    const work = new WorkContext({ registry, collection: collection('c'), modelName: 'm' });
    const speaker = work.componentByName('speaker') as Component & { say(): string };
    expect(speaker.say()).toBe('foo bar');
    expect(String(speaker)).toBe('Component(speaker)');
  });

  it('makes every component inherit from base, and extensions of base reach all (A8)', () => {
    const BaseHello = extendComponent(
      'base',
      (Base) =>
        class extends Base {
          hello(): string {
            return `hello from ${this.componentName}`;
          }
        },
    );
    const registry = buildRegistry([
      defineAddon({ name: 'a', components: [Speaker] }),
      defineAddon({ name: 'b', depends: ['a'], components: [BaseHello] }),
    ]);
    expect(registry.info('speaker')?.linearization).toEqual(['speaker', 'base']);
    const work = new WorkContext({ registry, collection: collection('c'), modelName: 'm' });
    const speaker = work.componentByName('speaker') as Component & { hello(): string };
    expect(speaker.hello()).toBe('hello from speaker');
  });

  it('sees a later in-place extension of a parent from a child declared earlier (A4, two-phase)', () => {
    const Child = defineComponent(
      { name: 'child', inherit: 'speaker' },
      (Base) => class extends Base {},
    );
    const registry = buildRegistry([
      defineAddon({ name: 'a', components: [Speaker, Child] }),
      defineAddon({ name: 'b', depends: ['a'], components: [SpeakerBar] }),
    ]);
    const work = new WorkContext({ registry, collection: collection('c'), modelName: 'm' });
    const child = work.componentByName('child') as Component & { say(): string };
    expect(child.say()).toBe('foo bar');
    expect(child).toBeInstanceOf(registry.get('speaker') as typeof Component);
  });

  it('creates a new component from several parents without changing them (A5, C8)', () => {
    const One = defineComponent(
      { name: 'one' },
      (Base) =>
        class extends Base {
          who(): string[] {
            return ['one'];
          }
        },
    );
    const Two = defineComponent(
      { name: 'two', inherit: One },
      (Base) =>
        class extends Base {
          override who(): string[] {
            return ['two', ...super.who()];
          }
        },
    );
    const Three = defineComponent(
      { name: 'three', inherit: One },
      (Base) =>
        class extends Base {
          override who(): string[] {
            return ['three', ...super.who()];
          }
        },
    );
    const Four = defineComponent(
      { name: 'four', inherit: [Two, Three] },
      (Base) =>
        class extends Base {
          override who(): string[] {
            return ['four', ...super.who()];
          }
        },
    );
    const registry = buildOne([One, Two, Three, Four]);
    expect(registry.info('four')?.parents).toEqual(['two', 'three', 'base']);
    expect(registry.info('four')?.linearization).toEqual(['four', 'two', 'three', 'one', 'base']);
    const work = new WorkContext({ registry, collection: collection('c'), modelName: 'm' });
    const four = work.componentByName('four') as Component & { who(): string[] };
    expect(four.who()).toEqual(['four', 'two', 'three', 'one']);
    const two = work.componentByName('two') as Component & { who(): string[] };
    expect(two.who()).toEqual(['two', 'one']);
    expect(four).toBeInstanceOf(registry.get('three') as typeof Component);
    expect(four).toBeInstanceOf(registry.get('two') as typeof Component);
    expect(two).not.toBeInstanceOf(registry.get('three') as typeof Component);
  });

  it('reuses the parent class for single inheritance, so statics and instanceof follow JS', () => {
    const Child = defineComponent(
      { name: 'child', inherit: 'speaker' },
      (Base) => class extends Base {},
    );
    const registry = buildOne([Speaker, Child]);
    const ChildCls = registry.get('child') as typeof Component;
    expect(Object.getPrototypeOf(ChildCls)).toBe(registry.get('speaker'));
  });

  it('adds a parent through an in-place extension with extra parents (A7)', () => {
    const Z = defineComponent(
      { name: 'z' },
      (Base) =>
        class extends Base {
          z(): string {
            return 'z';
          }
        },
    );
    const AddZ = defineComponent(
      { name: 'speaker', inherit: ['speaker', 'z'] },
      (Base) => class extends Base {},
    );
    const registry = buildOne([Speaker, Z, AddZ]);
    expect(registry.info('speaker')?.parents).toEqual(['z', 'base']);
    const work = new WorkContext({ registry, collection: collection('c'), modelName: 'm' });
    const speaker = work.componentByName('speaker') as Component & { z(): string };
    expect(speaker.z()).toBe('z');
  });

  it('lists layers outermost first, newest extension on top (C8)', () => {
    const Ext2 = extendComponent('speaker', (Base) => class extends Base {});
    const registry = buildRegistry([
      defineAddon({ name: 'a', components: [Speaker, SpeakerBar] }),
      defineAddon({ name: 'b', depends: ['a'], components: [Ext2] }),
    ]);
    expect(registry.info('speaker')?.layers).toEqual([
      { component: 'speaker', addon: 'b', kind: 'extend' },
      { component: 'speaker', addon: 'a', kind: 'extend' },
      { component: 'speaker', addon: 'a', kind: 'define' },
      { component: 'base', addon: 'component', kind: 'define' },
    ]);
  });

  it('keeps registry order as the order of first declaration (C11)', () => {
    const Other = defineComponent({ name: 'other' }, (Base) => class extends Base {});
    const registry = buildRegistry([
      defineAddon({ name: 'a', components: [Speaker, Other] }),
      defineAddon({ name: 'b', depends: ['a'], components: [SpeakerBar] }),
    ]);
    expect(registry.names()).toEqual(['base', 'speaker', 'other']);
    expect([...registry]).toEqual(['base', 'speaker', 'other']);
    expect(registry.size).toBe(3);
  });
});

describe('metadata along the linearisation (A9, §3.2.22)', () => {
  const Listener = defineComponent(
    { name: 'listener', usage: 'event.listener', collection: 'shop.backend', abstract: true },
    (Base) => class extends Base {},
  );
  const Mine = defineComponent(
    { name: 'mine', inherit: 'listener', applyOn: 'res.partner' },
    (Base) => class extends Base {},
  );

  it('inherits usage and collection from parents, applyOn normalised to a list (A10)', () => {
    const info = buildOne([Listener, Mine]).info('mine');
    expect(info).toMatchObject({
      usage: 'event.listener',
      collection: 'shop.backend',
      applyOn: ['res.partner'],
      abstract: false,
    });
  });

  it('lets an in-place extension change or reset metadata with null', () => {
    const Reset = extendComponent('mine', (Base) => class extends Base {}, {
      applyOn: null,
      usage: 'other',
    });
    const info = buildOne([Listener, Mine, Reset]).info('mine');
    expect(info?.applyOn).toBeUndefined();
    expect(info?.usage).toBe('other');
    expect(info?.collection).toBe('shop.backend');
  });

  it('keeps a concrete component concrete when extended by an abstract layer (C5)', () => {
    const AbstractExt = extendComponent('speaker', (Base) => class extends Base {}, {
      abstract: true,
    });
    const registry = buildOne([Speaker, AbstractExt]);
    expect(registry.info('speaker')?.abstract).toBe(false);
    expect(registry.lookup({ usage: 'speak' })).toHaveLength(1);
  });

  it('runs completeBuild once per final class, after the whole registry exists (A16)', () => {
    const seen: string[] = [];
    const Hooked = defineComponent(
      { name: 'hooked' },
      (Base) =>
        class extends Base {
          static override completeBuild(registry: ComponentRegistry): void {
            super.completeBuild(registry);
            seen.push(
              `${this.componentInfo.name}:${registry.has('late') ? 'late-visible' : 'late-missing'}`,
            );
          }
        },
    );
    const Late = defineComponent(
      { name: 'late', inherit: 'hooked' },
      (Base) => class extends Base {},
    );
    buildOne([Hooked, Late]);
    expect(seen).toEqual(['hooked:late-visible', 'late:late-visible']);
  });
});

describe('build errors name the culprit', () => {
  it('requires a name (A3, A6)', () => {
    expectBuildError(
      () => buildOne([defineComponent({}, (Base) => class extends Base {})]),
      'missing-name',
      '<anonymous>',
      'must have a name',
    );
    const Other = defineComponent({ name: 'other' }, (Base) => class extends Base {});
    expectBuildError(
      () =>
        buildOne([
          Speaker,
          Other,
          defineComponent({ inherit: ['speaker', 'other'] }, (Base) => class extends Base {}),
        ]),
      'missing-name',
      "['speaker', 'other']",
      'must have a name',
    );
  });

  it('rejects a duplicate name, with or without parents (C2, and C3 which upstream silently replaces)', () => {
    const again = defineComponent({ name: 'speaker' }, (Base) => class extends Base {});
    const error = expectBuildError(
      () => buildOne([Speaker, again]),
      'duplicate-name',
      'speaker',
      'already exists',
    );
    expect(error.addon).toBe('a');
    const Other = defineComponent({ name: 'other' }, (Base) => class extends Base {});
    const replacing = defineComponent(
      { name: 'speaker', inherit: 'other' },
      (Base) => class extends Base {},
    );
    expectBuildError(
      () => buildOne([Speaker, Other, replacing]),
      'duplicate-name',
      'speaker',
      'extendComponent',
    );
  });

  it('rejects extending an unknown component (C5) and inheriting an unknown parent (C7)', () => {
    expectBuildError(
      () => buildOne([SpeakerBar]),
      'unknown-component',
      'speaker',
      'does not exist in registry',
    );
    const orphan = defineComponent(
      { name: 'orphan', inherit: 'nope' },
      (Base) => class extends Base {},
    );
    expectBuildError(
      () => buildOne([orphan]),
      'unknown-parent',
      'orphan',
      "inherits from non-existing component 'nope'",
    );
  });

  it('rejects an abstract component inheriting a concrete one, for new and in-place (C7)', () => {
    const abstractChild = defineComponent(
      { name: 'ab', inherit: 'speaker', abstract: true },
      (Base) => class extends Base {},
    );
    expectBuildError(
      () => buildOne([Speaker, abstractChild]),
      'abstract-inherits-concrete',
      'ab',
      'cannot inherit from the non-abstract',
    );
    const Abs = defineComponent({ name: 'abs', abstract: true }, (Base) => class extends Base {});
    const addConcrete = extendComponent('abs', (Base) => class extends Base {}, {
      inherit: 'speaker',
    });
    expectBuildError(
      () => buildOne([Speaker, Abs, addConcrete]),
      'abstract-inherits-concrete',
      'abs',
      'cannot inherit from the non-abstract',
    );
  });

  it('rejects an extension that makes an abstract component concrete (C5)', () => {
    const Abs = defineComponent({ name: 'abs', abstract: true }, (Base) => class extends Base {});
    const concrete = extendComponent('abs', (Base) => class extends Base {}, { abstract: false });
    expectBuildError(
      () => buildOne([Abs, concrete]),
      'abstract-made-concrete',
      'abs',
      'transforms the abstract component',
    );
  });

  it('rejects layers that are not mixin factories', () => {
    const notFn = defineComponent({ name: 'x' }, 42 as never);
    expectBuildError(() => buildOne([notFn]), 'invalid-layer', 'x', 'must be a function');
    const returnsBase = defineComponent({ name: 'y' }, ((Base: typeof Component) => Base) as never);
    expectBuildError(
      () => buildOne([returnsBase]),
      'invalid-layer',
      'y',
      'must return a new class',
    );
    const unrelated = defineComponent({ name: 'z' }, (() => class {}) as never);
    expectBuildError(() => buildOne([unrelated]), 'invalid-layer', 'z', 'must return a new class');
    const throws = defineComponent({ name: 't' }, (() => {
      throw new Error('boom');
    }) as never);
    const error = expectBuildError(() => buildOne([throws]), 'invalid-layer', 't', 'threw');
    expect((error.cause as Error).message).toBe('boom');
  });

  it('rejects empty applyOn and empty strings (§3.1.7)', () => {
    const empty = defineComponent({ name: 'e', applyOn: [] }, (Base) => class extends Base {});
    expectBuildError(() => buildOne([empty]), 'invalid-declaration', 'e', 'applyOn');
    const blank = defineComponent({ name: 'b', usage: '' }, (Base) => class extends Base {});
    expectBuildError(() => buildOne([blank]), 'invalid-declaration', 'b', 'usage');
  });

  it('reports an inheritance cycle introduced by an extension', () => {
    const X = defineComponent({ name: 'x' }, (Base) => class extends Base {});
    const Y = defineComponent({ name: 'y', inherit: 'x' }, (Base) => class extends Base {});
    const cycle = extendComponent('x', (Base) => class extends Base {}, { inherit: 'y' });
    const error = expectBuildError(
      () => buildOne([X, Y, cycle]),
      'inconsistent-hierarchy',
      'x',
      'x -> y -> x',
    );
    expect(error.message).toContain('cycle');
  });

  it('reports contradictory parent orders (no C3 linearisation)', () => {
    const A = defineComponent({ name: 'a1' }, (Base) => class extends Base {});
    const B = defineComponent({ name: 'b1' }, (Base) => class extends Base {});
    const AB = defineComponent(
      { name: 'ab', inherit: ['a1', 'b1'] },
      (Base) => class extends Base {},
    );
    const BA = defineComponent(
      { name: 'ba', inherit: ['b1', 'a1'] },
      (Base) => class extends Base {},
    );
    const Bad = defineComponent(
      { name: 'bad', inherit: ['ab', 'ba'] },
      (Base) => class extends Base {},
    );
    expectBuildError(
      () => buildOne([A, B, AB, BA, Bad]),
      'inconsistent-hierarchy',
      'bad',
      'contradictory orders',
    );
  });

  it('wraps a failing completeBuild hook', () => {
    const Failing = defineComponent(
      { name: 'failing' },
      (Base) =>
        class extends Base {
          static override completeBuild(): void {
            throw new Error('bad hook');
          }
        },
    );
    const error = expectBuildError(
      () => buildOne([Failing]),
      'invalid-layer',
      'failing',
      'completeBuild',
    );
    expect((error.cause as Error).message).toBe('bad hook');
  });
});

describe('readiness and freezing (D)', () => {
  it('refuses lookups before build and stays not ready after a failed build', () => {
    const registry = new ComponentRegistry({ key: 'tenant-a' });
    expect(registry.ready).toBe(false);
    expect(() => registry.lookup()).toThrow(RegistryNotReadyError);
    expect(() => registry.get('base')).toThrow("Component registry 'tenant-a' is not ready");
    expect(() => registry.build([defineAddon({ name: 'a', components: [SpeakerBar] })])).toThrow(
      ComponentBuildError,
    );
    expect(registry.ready).toBe(false);
    expect(
      () => new WorkContext({ registry, collection: collection('c'), modelName: 'm' }),
    ).toThrow(RegistryNotReadyError);
  });

  it('is frozen after build', () => {
    const registry = buildOne([Speaker]);
    expect(registry.ready).toBe(true);
    expect(Object.isFrozen(registry)).toBe(true);
    const error = expectBuildError(
      () => registry.build([]),
      'registry-frozen',
      '*',
      'already built',
    );
    expect(error).toBeInstanceOf(ComponentBuildError);
  });

  it('builds independent registries from the same definitions', () => {
    const first = buildOne([Speaker]);
    const second = buildOne([Speaker, SpeakerBar]);
    expect(first.get('speaker')).not.toBe(second.get('speaker'));
    const say = (registry: ComponentRegistry) =>
      (
        new WorkContext({ registry, collection: collection('c'), modelName: 'm' }).componentByName(
          'speaker',
        ) as Component & {
          say(): string;
        }
      ).say();
    expect(say(first)).toBe('foo');
    expect(say(second)).toBe('foo bar');
  });
});
