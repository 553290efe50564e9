import {
  ComponentRegistry,
  defineAddon,
  defineComponent,
  WorkContext,
  type Collection,
  type ComponentDefinition,
} from '@bindery/component';
import { createTestRegistry } from '@bindery/component/test';
import { describe, expect, it } from 'vitest';
import { collectEvents } from './collect-events.js';
import { componentEventAddon } from './component-event-addon.js';
import { EventListenerError } from './errors/event-listener-error.js';
import { InvalidEventNameError } from './errors/invalid-event-name-error.js';
import { UnknownEventError } from './errors/unknown-event-error.js';
import { EventWorkContext } from './event-work-context.js';
import { skipIf } from './skip-if.js';

const env = { tag: 'env' };
const stockEvents = defineAddon({
  name: 'stock-events',
  depends: [componentEventAddon],
  events: ['onStockMoved'],
});

type Log = unknown[][];

/** A listener of `onStockMoved` that logs its name and arguments. */
function logger(
  log: Log,
  name: string,
  declaration: { collection?: string; applyOn?: string[] } = {},
): ComponentDefinition {
  return defineComponent(
    { name, inherit: 'base.event.listener', ...declaration },
    (Base) =>
      class extends Base {
        onStockMoved(...args: unknown[]): void {
          log.push([this.componentName, ...args]);
        }
      },
  );
}

function registryOf(...components: ComponentDefinition[]): ComponentRegistry {
  return createTestRegistry({ addons: [stockEvents], components });
}

describe('collectEvents and notify (ported upstream TestEvent, M2, M5–M9)', () => {
  it('notifies a listener with the arguments given to notify (test_event)', async () => {
    const log: Log = [];
    const registry = registryOf(logger(log, 'my.listener'));
    const something = {};
    const fields = ['name', 'code'];
    await collectEvents({ registry, modelName: 'res.users', env }, 'onStockMoved').notify(
      something,
      fields,
    );
    expect(log).toHaveLength(1);
    expect(log[0]?.[0]).toBe('my.listener');
    expect(log[0]?.[1]).toBe(something);
    expect(log[0]?.[2]).toBe(fields);
  });

  it('collects and notifies several listeners (test_collect_several)', async () => {
    const log: Log = [];
    const registry = registryOf(logger(log, 'my.listener'), logger(log, 'my.other.listener'));
    const collected = collectEvents({ registry, modelName: 'res.users', env }, 'onStockMoved');
    expect(collected.listeners).toHaveLength(2);
    await collected.notify('x');
    expect(log).toEqual([
      ['my.listener', 'x'],
      ['my.other.listener', 'x'],
    ]);
  });

  it('notifies in registry order, deterministically (§3.1.10)', async () => {
    const log: Log = [];
    const first = defineAddon({
      name: 'zz-first',
      depends: [stockEvents],
      components: [logger(log, 'z.listener'), logger(log, 'b.listener')],
    });
    const second = defineAddon({
      name: 'aa-second',
      depends: [first],
      components: [logger(log, 'a.listener')],
    });
    const registry = createTestRegistry({ addons: [second] });
    const collected = collectEvents({ registry, modelName: 'm', env }, 'onStockMoved');
    expect(collected.listeners.map((listener) => listener.componentName)).toEqual([
      'z.listener',
      'b.listener',
      'a.listener',
    ]);
    await collected.notify();
    expect(log.map(([name]) => name)).toEqual(['z.listener', 'b.listener', 'a.listener']);
  });

  it('skips only listeners without a method for the event', async () => {
    const log: Log = [];
    const Other = defineComponent(
      { name: 'create.only', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          onRecordCreate(): void {
            log.push(['create.only']);
          }
        },
    );
    const registry = registryOf(logger(log, 'stock.listener'), Other);
    const collected = collectEvents({ registry, modelName: 'm', env }, 'onStockMoved');
    expect(collected.listeners.map((listener) => listener.componentName)).toEqual([
      'stock.listener',
    ]);
    await collected.notify(1);
    expect(log).toEqual([['stock.listener', 1]]);
  });

  it('awaits each listener before calling the next, ignoring return values', async () => {
    const order: string[] = [];
    const Slow = defineComponent(
      { name: 'slow.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          async onStockMoved(): Promise<string> {
            order.push('slow:start');
            await new Promise((resolve) => setTimeout(resolve, 10));
            order.push('slow:end');
            return 'ignored';
          }
        },
    );
    const Fast = defineComponent(
      { name: 'fast.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          onStockMoved(): number {
            order.push('fast');
            return 42;
          }
        },
    );
    const registry = registryOf(Slow, Fast);
    await expect(
      collectEvents({ registry, modelName: 'm', env }, 'onStockMoved').notify(),
    ).resolves.toBeUndefined();
    expect(order).toEqual(['slow:start', 'slow:end', 'fast']);
  });

  it('stops at the first failing listener and wraps its error (M2)', async () => {
    const log: Log = [];
    const boom = new Error('boom');
    const Failing = defineComponent(
      { name: 'failing.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          async onStockMoved(): Promise<void> {
            await Promise.resolve();
            throw boom;
          }
        },
    );
    const registry = registryOf(logger(log, 'before'), Failing, logger(log, 'after'));
    const notified = collectEvents({ registry, modelName: 'm', env }, 'onStockMoved').notify('arg');
    await expect(notified).rejects.toBeInstanceOf(EventListenerError);
    await expect(notified).rejects.toMatchObject({
      event: 'onStockMoved',
      listener: 'failing.listener',
      cause: boom,
    });
    await expect(notified).rejects.toThrow(/'failing\.listener'.*'onStockMoved'.*boom/);
    expect(log).toEqual([['before', 'arg']]);
  });

  it('wraps synchronous throws too', async () => {
    const Failing = defineComponent(
      { name: 'sync.failing', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          onStockMoved(): void {
            throw new TypeError('sync');
          }
        },
    );
    const registry = registryOf(Failing);
    const notified = collectEvents({ registry, modelName: 'm', env }, 'onStockMoved').notify();
    await expect(notified).rejects.toMatchObject({
      listener: 'sync.failing',
      cause: expect.any(TypeError) as unknown,
    });
  });

  it('gives fresh listener instances on every collect, bound to the new context (test_event_cache)', () => {
    const registry = registryOf(logger([], 'my.listener'));
    const firstEnv = { tag: 1 };
    const secondEnv = { tag: 2 };
    const first = collectEvents(
      { registry, modelName: 'res.users', env: firstEnv },
      'onStockMoved',
    );
    const second = collectEvents(
      { registry, modelName: 'res.users', env: secondEnv },
      'onStockMoved',
    );
    const [a] = first.listeners;
    const [b] = second.listeners;
    expect(a).toBeDefined();
    expect(b).not.toBe(a);
    expect(b?.constructor).toBe(a?.constructor);
    expect(a?.work).toBeInstanceOf(EventWorkContext);
    expect(a?.env).toBe(firstEnv);
    expect(b?.env).toBe(secondEnv);
    expect(a?.modelName).toBe('res.users');
  });

  it('never serves stale results: each registry is frozen and has its own cache (§3.1.8)', () => {
    const one = registryOf(logger([], 'my.listener'));
    expect(
      collectEvents({ registry: one, modelName: 'm', env }, 'onStockMoved').listeners,
    ).toHaveLength(1);
    const two = registryOf(logger([], 'my.listener'), logger([], 'my.other.listener'));
    expect(
      collectEvents({ registry: two, modelName: 'm', env }, 'onStockMoved').listeners,
    ).toHaveLength(2);
    expect(
      collectEvents({ registry: one, modelName: 'm', env }, 'onStockMoved').listeners,
    ).toHaveLength(1);
    expect(Object.isFrozen(one)).toBe(true);
  });

  it('returns a frozen listener list', () => {
    const registry = registryOf(logger([], 'my.listener'));
    const collected = collectEvents({ registry, modelName: 'm', env }, 'onStockMoved');
    expect(Object.isFrozen(collected.listeners)).toBe(true);
  });
});

describe('collection and model filtering (M8, test_event_cache_collection, test_event_cache_model_name)', () => {
  const backend: Collection = { name: 'base.collection', env };
  const otherBackend: Collection = { name: 'other.collection', env };
  const names = (
    registry: ComponentRegistry,
    options: { collection?: Collection; modelName?: string },
  ): string[] =>
    collectEvents(
      {
        registry,
        env,
        modelName: options.modelName ?? 'res.users',
        collection: options.collection,
      },
      'onStockMoved',
    ).listeners.map((listener) => listener.componentName);

  const registry = registryOf(
    logger([], 'generic.listener'),
    logger([], 'collection.listener', { collection: 'base.collection' }),
    logger([], 'other.collection.listener', { collection: 'other.collection' }),
    logger([], 'country.listener', { applyOn: ['res.country'] }),
  );

  it('with a collection: that collection’s listeners plus the generic ones', () => {
    expect(names(registry, { collection: backend })).toEqual([
      'generic.listener',
      'collection.listener',
    ]);
    expect(names(registry, { collection: otherBackend })).toEqual([
      'generic.listener',
      'other.collection.listener',
    ]);
  });

  it('without a collection: the listeners of every collection (upstream M8, kept on purpose)', () => {
    expect(names(registry, {})).toEqual([
      'generic.listener',
      'collection.listener',
      'other.collection.listener',
    ]);
  });

  it('applyOn limits a listener to its models; the cache keys by model', () => {
    expect(names(registry, { modelName: 'res.country' })).toEqual([
      'generic.listener',
      'collection.listener',
      'other.collection.listener',
      'country.listener',
    ]);
    expect(names(registry, { modelName: 'res.users' })).not.toContain('country.listener');
    expect(names(registry, { modelName: 'res.country', collection: backend })).toEqual([
      'generic.listener',
      'collection.listener',
      'country.listener',
    ]);
  });
});

describe('skipIf on listeners (test_skip_if)', () => {
  it('skips the decorated listener when its condition holds, and still calls the others', async () => {
    const log: Log = [];
    const Skipping = defineComponent(
      { name: 'my.other.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          @skipIf((message: unknown) => message === 'foo')
          onStockMoved(message: unknown): void {
            throw new Error(`should have been skipped: ${String(message)}`);
          }
        },
    );
    const registry = registryOf(logger(log, 'my.listener'), Skipping);
    const collected = collectEvents({ registry, modelName: 'm', env }, 'onStockMoved');
    expect(collected.listeners).toHaveLength(2);
    await collected.notify('foo');
    expect(log).toEqual([['my.listener', 'foo']]);
    await expect(collected.notify('bar')).rejects.toMatchObject({ listener: 'my.other.listener' });
  });
});

describe('componentMatch on listeners (decision: honoured, asked at notify time)', () => {
  it('drops a listener whose componentMatch returns false, asking again on every notify', async () => {
    const log: Log = [];
    let enabled = true;
    const Picky = defineComponent(
      { name: 'picky.listener', inherit: 'base.event.listener' },
      (Base) =>
        class extends Base {
          static override componentMatch(
            work: WorkContext,
            query: { readonly match?: Readonly<Record<string, unknown>> },
          ): boolean {
            const args = query.match?.['args'] as unknown[];
            return (
              enabled &&
              work.modelName === 'm' &&
              query.match?.['event'] === 'onStockMoved' &&
              args[0] !== 'private'
            );
          }
          onStockMoved(value: unknown): void {
            log.push(['picky', value]);
          }
        },
    );
    const registry = registryOf(Picky);
    const collected = collectEvents({ registry, modelName: 'm', env }, 'onStockMoved');
    await collected.notify('public');
    await collected.notify('private');
    enabled = false;
    await collected.notify('public again');
    expect(log).toEqual([['picky', 'public']]);
  });
});

describe('event names and readiness (N2, §3.1.13)', () => {
  it('rejects an invalid name eagerly, even before the registry is built', () => {
    const notBuilt = new ComponentRegistry({ key: 'boot' });
    expect(() =>
      collectEvents({ registry: notBuilt, modelName: 'm', env }, 'on_record_create'),
    ).toThrow(InvalidEventNameError);
    const registry = registryOf();
    expect(() => collectEvents({ registry, modelName: 'm', env }, 'recordCreate')).toThrow(
      InvalidEventNameError,
    );
  });

  it('rejects a valid name that no addon declares, at collect time', () => {
    const registry = registryOf(logger([], 'my.listener'));
    let caught: unknown;
    try {
      collectEvents({ registry, modelName: 'm', env }, 'onNothingDeclared');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnknownEventError);
    expect(caught).toMatchObject({
      event: 'onNothingDeclared',
      registryKey: 'test',
      listener: undefined,
    });
  });

  it('is a no-op while the registry is not ready: events fire only from a ready registry', async () => {
    const notBuilt = new ComponentRegistry({ key: 'boot' });
    const collected = collectEvents({ registry: notBuilt, modelName: 'm' }, 'onAnythingValid');
    expect(collected.listeners).toEqual([]);
    await expect(collected.notify()).resolves.toBeUndefined();
  });

  it('is a no-op when the registry does not include the component-event addon', () => {
    const Listener = defineComponent({ name: 'plain.component' }, (Base) => class extends Base {});
    const registry = createTestRegistry({ components: [Listener] });
    expect(collectEvents({ registry, modelName: 'm', env }, 'onRecordCreate').listeners).toEqual(
      [],
    );
  });

  it('needs an env or a collection once events are on', () => {
    const registry = registryOf();
    expect(() => collectEvents({ registry, modelName: 'm' }, 'onStockMoved')).toThrow(
      'needs an env or a collection',
    );
  });
});

describe("the 'base.event.collecter' component (M4–M6, §3.1.12)", () => {
  it('is concrete, has no usage, and works with a plain WorkContext (filtering on its collection)', () => {
    const registry = registryOf(
      logger([], 'generic.listener'),
      logger([], 'mine', { collection: 'shop.backend' }),
      logger([], 'theirs', { collection: 'other.backend' }),
    );
    expect(registry.info('base.event.collecter')).toMatchObject({
      abstract: false,
      usage: undefined,
    });
    const work = new WorkContext({
      registry,
      collection: { name: 'shop.backend', env },
      modelName: 'm',
    });
    const collecter = work.componentByName('base.event.collecter');
    const collected = collecter.collectEvents('onStockMoved');
    expect(collected.listeners.map((listener) => listener.componentName)).toEqual([
      'generic.listener',
      'mine',
    ]);
    expect(collected.listeners[0]?.work).toBe(work);
  });

  it('validates names like collectEvents does', () => {
    const registry = registryOf();
    const work = new WorkContext({
      registry,
      collection: { name: 'shop.backend', env },
      modelName: 'm',
    });
    const collecter = work.componentByName('base.event.collecter');
    expect(() => collecter.collectEvents('bad')).toThrow(InvalidEventNameError);
    expect(() => collecter.collectEvents('onUndeclared')).toThrow(UnknownEventError);
  });
});
