import {
  ComponentBuildError,
  defineAddon,
  defineComponent,
  extendComponent,
} from '@bindery/component';
import { createTestRegistry } from '@bindery/component/test';
import { describe, expect, it } from 'vitest';
import { componentEventAddon } from './component-event-addon.js';
import { InvalidEventNameError } from './errors/invalid-event-name-error.js';
import { InvalidListenerError } from './errors/invalid-listener-error.js';
import { UnknownEventError } from './errors/unknown-event-error.js';
import type { EventListenerClass } from './event-listener.js';
import { listenerEvents } from './listener-events.js';

const shopEvents = defineAddon({
  name: 'shop-events',
  depends: [componentEventAddon],
  events: ['onOrderPaid'],
});

function listenerClass(
  registry: ReturnType<typeof createTestRegistry>,
  name: string,
): EventListenerClass {
  return registry.get(name) as EventListenerClass;
}

describe("'base.event.listener' (M3, §3.1.11)", () => {
  it('is abstract, has usage event.listener, and handles no event itself', () => {
    const registry = createTestRegistry({ addons: [componentEventAddon] });
    const info = registry.info('base.event.listener');
    expect(info?.abstract).toBe(true);
    expect(info?.usage).toBe('event.listener');
    expect(listenerClass(registry, 'base.event.listener').hasEvent('onRecordCreate')).toBe(false);
  });

  it('handles the events it has methods for, inherited ones included', () => {
    const Parent = defineComponent(
      { name: 'parent.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          onRecordCreate(): void {}
        },
    );
    const Child = defineComponent(
      { name: 'child.listener', inherit: 'parent.listener' },
      (Base) =>
        class extends Base {
          onRecordWrite(): void {}
        },
    );
    const registry = createTestRegistry({
      addons: [componentEventAddon],
      components: [Parent, Child],
    });
    const child = listenerClass(registry, 'child.listener');
    expect(child.hasEvent('onRecordCreate')).toBe(true);
    expect(child.hasEvent('onRecordWrite')).toBe(true);
    expect(child.hasEvent('onRecordUnlink')).toBe(false);
    expect(listenerClass(registry, 'parent.listener').hasEvent('onRecordWrite')).toBe(false);
  });

  it('counts only function-valued properties: getters and other values are ignored (§3.1.11)', () => {
    const Odd = defineComponent(
      { name: 'odd.listener', inherit: 'base.event.listener' },
      (Base) => {
        class Odd extends Base {
          get onRecordCreate(): () => void {
            return () => undefined;
          }
        }
        Object.defineProperty(Odd.prototype, 'onRecordWrite', { value: 'not a function' });
        return Odd;
      },
    );
    const registry = createTestRegistry({ addons: [componentEventAddon], components: [Odd] });
    expect([...listenerEvents(registry.get('odd.listener') as object)]).toEqual([]);
  });

  it('gives abstract listeners no events even when they have event methods', () => {
    const AbstractOne = defineComponent(
      { name: 'abstract.listener', inherit: 'base.event.listener', abstract: true },
      (Base) =>
        class extends Base {
          onRecordCreate(): void {}
        },
    );
    const Concrete = defineComponent(
      { name: 'concrete.listener', inherit: 'abstract.listener' },
      (Base) => class extends Base {},
    );
    const registry = createTestRegistry({
      addons: [componentEventAddon],
      components: [AbstractOne, Concrete],
    });
    expect(listenerClass(registry, 'abstract.listener').hasEvent('onRecordCreate')).toBe(false);
    expect(listenerClass(registry, 'concrete.listener').hasEvent('onRecordCreate')).toBe(true);
  });

  it('sees methods added by a later in-place extension of a parent listener (§3.1.11 fixed)', () => {
    const Parent = defineComponent(
      { name: 'parent.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          onRecordCreate(): void {}
        },
    );
    const Child = defineComponent(
      { name: 'child.listener', inherit: 'parent.listener' },
      (Base) => class extends Base {},
    );
    const early = defineAddon({
      name: 'early',
      depends: [componentEventAddon],
      components: [Parent, Child],
    });
    const ParentExtension = extendComponent(
      'parent.listener',
      (Base) =>
        class extends Base {
          onRecordUnlink(): void {}
        },
    );
    const BaseExtension = extendComponent(
      'base.event.listener',
      (Base) =>
        class extends Base {
          onRecordWrite(): void {}
        },
    );
    const late = defineAddon({
      name: 'late',
      depends: [early],
      components: [ParentExtension, BaseExtension],
    });
    const registry = createTestRegistry({ addons: [late] });
    const child = listenerClass(registry, 'child.listener');
    expect(child.hasEvent('onRecordUnlink')).toBe(true);
    expect(child.hasEvent('onRecordWrite')).toBe(true);
    expect(child.hasEvent('onRecordCreate')).toBe(true);
  });

  it('keeps the events of each final class apart (a child does not change its parent)', () => {
    const Parent = defineComponent(
      { name: 'parent.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          onRecordCreate(): void {}
        },
    );
    const Child = defineComponent(
      { name: 'child.listener', inherit: 'parent.listener' },
      (Base) =>
        class extends Base {
          onOrderPaid(): void {}
        },
    );
    const registry = createTestRegistry({ addons: [shopEvents], components: [Parent, Child] });
    expect([...listenerEvents(registry.get('parent.listener') as object)]).toEqual([
      'onRecordCreate',
    ]);
    expect([...listenerEvents(registry.get('child.listener') as object)].sort()).toEqual([
      'onOrderPaid',
      'onRecordCreate',
    ]);
  });

  it('fails the build for a listener method named after an event no addon declares', () => {
    const Typo = defineComponent(
      { name: 'typo.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          onRecordCreat(): void {}
        },
    );
    let caught: unknown;
    try {
      createTestRegistry({ addons: [componentEventAddon], components: [Typo] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ComponentBuildError);
    expect((caught as ComponentBuildError).component).toBe('typo.listener');
    const cause = (caught as ComponentBuildError).cause;
    expect(cause).toBeInstanceOf(UnknownEventError);
    expect(cause).toMatchObject({
      event: 'onRecordCreat',
      listener: 'typo.listener',
      registryKey: 'test',
    });
  });

  it('accepts a method for an event declared by another addon of the registry', () => {
    const Paid = defineComponent(
      { name: 'paid.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          onOrderPaid(): void {}
        },
    );
    expect(() => createTestRegistry({ addons: [componentEventAddon], components: [Paid] })).toThrow(
      ComponentBuildError,
    );
    const registry = createTestRegistry({ addons: [shopEvents], components: [Paid] });
    expect(listenerClass(registry, 'paid.listener').hasEvent('onOrderPaid')).toBe(true);
  });

  it('ignores methods that do not look like events (onlowercase, other names)', () => {
    const Helpers = defineComponent(
      { name: 'helper.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          online(): void {}
          handle(): void {}
        },
    );
    const registry = createTestRegistry({ addons: [componentEventAddon], components: [Helpers] });
    expect([...listenerEvents(registry.get('helper.listener') as object)]).toEqual([]);
  });

  it('fails the build when an addon declares an invalid event name', () => {
    const bad = defineAddon({
      name: 'bad-events',
      depends: [componentEventAddon],
      events: ['on_record_create'],
    });
    let caught: unknown;
    try {
      createTestRegistry({ addons: [bad] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ComponentBuildError);
    expect((caught as ComponentBuildError).cause).toBeInstanceOf(InvalidEventNameError);
    expect((caught as ComponentBuildError).cause).toMatchObject({
      event: 'on_record_create',
      addon: 'bad-events',
    });
  });

  it("rejects a component with usage 'event.listener' that does not inherit the base listener (§3.1.12)", () => {
    const Stray = defineComponent(
      { name: 'stray.listener', usage: 'event.listener' },
      (Base) => class extends Base {},
    );
    let caught: unknown;
    try {
      createTestRegistry({ addons: [componentEventAddon], components: [Stray] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ComponentBuildError);
    expect((caught as ComponentBuildError).cause).toBeInstanceOf(InvalidListenerError);
    expect((caught as ComponentBuildError).cause).toMatchObject({ listener: 'stray.listener' });
  });
});
