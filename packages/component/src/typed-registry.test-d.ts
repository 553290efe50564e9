import { describe, expectTypeOf, it } from 'vitest';
import type { Component } from './component.js';
import {
  defineComponent,
  extendComponent,
  type ComponentInstance,
} from './component-definition.js';
import type { ComponentName, ComponentUsage } from './typed-registry.js';
import type { WorkContext } from './work-context.js';

// "package A" declares a binder and registers its type by name and by usage.
const TestBinderDef = defineComponent(
  { name: 'test.binder', usage: 'test.binder', abstract: true },
  (Base) =>
    class extends Base {
      toInternal(externalId: string): number {
        return Number(externalId);
      }
    },
);
export interface TestBinder extends ComponentInstance<typeof TestBinderDef> {}

declare module './typed-registry.js' {
  interface ComponentsByName {
    'test.binder': TestBinder;
  }
  interface ComponentsByUsage {
    'test.binder': TestBinder;
  }
}

// "package B" extends it in place and merges its additions into the same interface
// (in another package: `declare module '@scope/a' { interface TestBinder { ... } }`).
// Extending by definition object types Base as the original class (without the merged
// additions), so the extension's own methods need no `override`.
export const CachedBinder = extendComponent(
  TestBinderDef,
  (Base) =>
    class extends Base {
      cached(): boolean {
        expectTypeOf(this.toInternal('1')).toEqualTypeOf<number>();
        return true;
      }
    },
);
export interface TestBinder {
  cached(): boolean;
}

declare const work: WorkContext;

describe('typed registries', () => {
  it('returns the merged type of all extensions by name', () => {
    const binder = work.componentByName('test.binder');
    expectTypeOf(binder).toEqualTypeOf<TestBinder>();
    expectTypeOf(binder.toInternal).returns.toEqualTypeOf<number>();
    expectTypeOf(binder.cached).returns.toEqualTypeOf<boolean>();
    expectTypeOf(binder).toMatchTypeOf<Component>();
  });

  it('returns the merged type by usage, from a work context and from a component', () => {
    expectTypeOf(work.component({ usage: 'test.binder' })).toEqualTypeOf<TestBinder>();
    expectTypeOf(work.manyComponents({ usage: 'test.binder' })).toEqualTypeOf<TestBinder[]>();
    const other = work.componentByName('anything');
    expectTypeOf(other.component({ usage: 'test.binder' }).cached).toBeFunction();
  });

  it('falls back to Component for unregistered names and usages', () => {
    expectTypeOf(work.componentByName('not.registered')).toEqualTypeOf<Component>();
    expectTypeOf(work.component({ usage: 'not.registered' })).toEqualTypeOf<Component>();
    expectTypeOf(work.component()).toEqualTypeOf<Component>();
  });

  it('keeps names and usages open strings with the registered ones suggested', () => {
    expectTypeOf<'test.binder'>().toMatchTypeOf<ComponentName>();
    expectTypeOf<'free.form'>().toMatchTypeOf<ComponentName>();
    expectTypeOf<'test.binder'>().toMatchTypeOf<ComponentUsage>();
  });

  it('rejects wrong argument types on registered components', () => {
    const binder = work.componentByName('test.binder');
    // @ts-expect-error toInternal takes a string
    binder.toInternal(1);
    // @ts-expect-error no such method
    expectTypeOf(binder).toHaveProperty('toExternal');
  });

  it('types Base of an extension by name as the merged registered type', () => {
    extendComponent('test.binder', (Base) => {
      expectTypeOf<InstanceType<typeof Base>>().toMatchTypeOf<TestBinder>();
      return class extends Base {
        override cached(): boolean {
          return !super.cached();
        }
      };
    });
  });

  it('types Base from a parent name, a definition object, or several parents', () => {
    defineComponent({ name: 'child', inherit: 'test.binder' }, (Base) => {
      expectTypeOf<InstanceType<typeof Base>>().toMatchTypeOf<TestBinder>();
      return class extends Base {};
    });
    const Other = defineComponent(
      { name: 'other' },
      (Base) =>
        class extends Base {
          other(): string {
            return '';
          }
        },
    );
    defineComponent({ name: 'by.object', inherit: Other }, (Base) => {
      expectTypeOf<InstanceType<typeof Base>['other']>().returns.toEqualTypeOf<string>();
      return class extends Base {};
    });
    const _Both = defineComponent(
      { name: 'both', inherit: ['test.binder', Other] },
      (Base) =>
        class extends Base {
          both(): [number, string] {
            return [this.toInternal('1'), this.other()];
          }
        },
    );
    expectTypeOf<ComponentInstance<typeof _Both>['both']>().returns.toEqualTypeOf<
      [number, string]
    >();
  });

  it('gives layers the component statics', () => {
    defineComponent(
      { name: 'matcher' },
      (Base) =>
        class extends Base {
          static override componentMatch(w: WorkContext): boolean {
            return w.modelName === 'res.partner';
          }
        },
    );
  });
});
