import { describe, expect, it } from 'vitest';
import { defineAddon } from './addon.js';
import { defineComponent } from './component-definition.js';
import { buildRegistry } from './component-registry.js';
import { WorkContextError } from './errors/work-context-error.js';
import { WorkContext, type WorkContextOptions } from './work-context.js';
import { collection } from './__fixtures__/collections.js';

const Reader = defineComponent(
  { name: 'reader', usage: 'read' },
  (Base) =>
    class extends Base {
      describe(): string {
        return `${this.collection.name}/${this.modelName}`;
      }
    },
);
const registry = buildRegistry([defineAddon({ name: 'r', components: [Reader] })]);

describe('WorkContext (F)', () => {
  it('exposes registry, collection, model, env and frozen extra data', () => {
    const env = { user: 1 };
    const work = new WorkContext({
      registry,
      collection: collection('shop.backend'),
      modelName: 'res.partner',
      env,
      extra: { client: 'api' },
    });
    expect(work.registry).toBe(registry);
    expect(work.collection.name).toBe('shop.backend');
    expect(work.modelName).toBe('res.partner');
    expect(work.env).toBe(env);
    expect(work.extra.client).toBe('api');
    expect(Object.isFrozen(work.extra)).toBe(true);
    expect(String(work)).toBe('WorkContext(res.partner, shop.backend)');
  });

  it("falls back to the collection's env (F2), and says when there is none", () => {
    const env = { from: 'collection' };
    expect(
      new WorkContext({ registry, collection: collection('b', env), modelName: 'm' }).env,
    ).toBe(env);
    const bare = new WorkContext({ registry, collection: { name: 'b' }, modelName: 'm' });
    expect(() => bare.env).toThrow(WorkContextError);
    expect(() => bare.env).toThrow('has no env');
  });

  it('rejects an empty model name', () => {
    expect(() => new WorkContext({ registry, collection: collection('b'), modelName: '' })).toThrow(
      WorkContextError,
    );
  });

  it('workOn propagates everything to a new context, leaving the original unchanged (F5)', () => {
    const env = { user: 7 };
    const work = new WorkContext({
      registry,
      collection: collection('b'),
      modelName: 'res.partner',
      env,
      extra: { hello: 'world' },
    });
    const other = work.workOn('sale.order');
    expect(other).not.toBe(work);
    expect(other.modelName).toBe('sale.order');
    expect(other.env).toBe(env);
    expect(other.extra.hello).toBe('world');
    expect(other.collection).toBe(work.collection);
    expect(work.modelName).toBe('res.partner');
    const moved = work.workOn(undefined, { collection: collection('c') });
    expect(moved.collection.name).toBe('c');
    expect(moved.modelName).toBe('res.partner');
  });

  it('workOn keeps the subclass (same-class propagation)', () => {
    class ShopWork extends WorkContext<{ apiUrl: string }> {
      constructor(options: WorkContextOptions<{ apiUrl: string }>) {
        super(options);
      }
      get apiUrl(): string {
        return this.extra.apiUrl;
      }
    }
    const work = new ShopWork({
      registry,
      collection: collection('b'),
      modelName: 'm',
      extra: { apiUrl: 'https://shop' },
    });
    const derived = work.workOn('n');
    expect(derived).toBeInstanceOf(ShopWork);
    expect(derived.apiUrl).toBe('https://shop');
  });

  it('gives components their context and shortcuts (A13)', () => {
    const work = new WorkContext({
      registry,
      collection: collection('shop.backend'),
      modelName: 'res.partner',
      env: {},
    });
    const reader = work.component({ usage: 'read' }) as InstanceType<
      ReturnType<typeof Reader.layer>
    > & { describe(): string };
    expect(reader.describe()).toBe('shop.backend/res.partner');
    expect(reader.work).toBe(work);
    expect(reader.env).toBe(work.env);
    expect(reader.component({ usage: 'read' }).componentName).toBe('reader');
    expect(reader.manyComponents({ usage: 'read' })).toHaveLength(1);
    expect(reader.componentByName('reader').componentName).toBe('reader');
  });
});
