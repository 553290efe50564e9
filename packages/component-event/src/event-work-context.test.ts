import {
  defineComponent,
  WorkContext,
  WorkContextError,
  type Collection,
} from '@bindery/component';
import { createTestRegistry } from '@bindery/component/test';
import { describe, expect, it } from 'vitest';
import { componentEventAddon } from './component-event-addon.js';
import { EventWorkContext } from './event-work-context.js';

const Exporter = defineComponent(
  { name: 'generic.exporter', usage: 'record.exporter' },
  (Base) => class extends Base {},
);
const ShopExporter = defineComponent(
  { name: 'shop.exporter', usage: 'record.exporter', collection: 'shop.backend' },
  (Base) => class extends Base {},
);
const registry = createTestRegistry({
  addons: [componentEventAddon],
  components: [Exporter, ShopExporter],
});
const env = { tag: 'env' };
const backend: Collection = { name: 'shop.backend', env };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('EventWorkContext construction (L1–L3, ported TestEventWorkContext)', () => {
  it('works with an env only; its collection then throws (test_env)', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.users', env });
    expect(work.env).toBe(env);
    expect(work.modelName).toBe('res.users');
    expect(work.hasCollection).toBe(false);
    expect(thrown(() => work.collection)).toMatchObject({
      name: 'WorkContextError',
      subject: 'collection',
    });
  });

  it('works with a collection, taking its env (test_collection)', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.users', collection: backend });
    expect(work.collection).toBe(backend);
    expect(work.env).toBe(env);
    expect(work.hasCollection).toBe(true);
  });

  it('accepts an env and a collection of that env, and rejects a collection of another env', () => {
    const both = new EventWorkContext({
      registry,
      modelName: 'res.users',
      collection: backend,
      env,
    });
    expect(both.env).toBe(env);
    expect(
      thrown(
        () =>
          new EventWorkContext({
            registry,
            modelName: 'm',
            collection: backend,
            env: { other: true },
          }),
      ),
    ).toMatchObject({
      subject: 'options',
    });
  });

  it('requires an env or a collection (test_missing)', () => {
    const error = thrown(() => new EventWorkContext({ registry, modelName: 'res.users' }));
    expect(error).toBeInstanceOf(WorkContextError);
    expect(error).toMatchObject({ subject: 'options' });
  });

  it('keeps extra data', () => {
    const work = new EventWorkContext({
      registry,
      modelName: 'm',
      env,
      extra: { apiUrl: 'https://shop' },
    });
    expect(work.extra.apiUrl).toBe('https://shop');
  });
});

describe('EventWorkContext.workOn switches back to a plain WorkContext (L5)', () => {
  it('from env mode, to a given collection (test_env_work_on)', () => {
    const work = new EventWorkContext({
      registry,
      modelName: 'res.users',
      env,
      extra: { flag: 1 },
    });
    const plain = work.workOn('res.partner', { collection: backend });
    expect(plain.constructor).toBe(WorkContext);
    expect(plain).not.toBeInstanceOf(EventWorkContext);
    expect(plain.env).toBe(env);
    expect(plain.modelName).toBe('res.partner');
    expect(plain.registry).toBe(registry);
    expect(plain.collection).toBe(backend);
    expect(plain.extra).toEqual({ flag: 1 });
    expect(() => work.collection).toThrow(WorkContextError);
  });

  it('from collection mode, keeping the collection (test_collection_work_on)', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.users', collection: backend });
    const plain = work.workOn('res.partner');
    expect(plain.constructor).toBe(WorkContext);
    expect(plain.collection).toBe(backend);
    expect(plain.env).toBe(env);
    expect(plain.modelName).toBe('res.partner');
  });

  it('changing only the collection keeps the model (test_collection_work_on_collection)', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.users', env });
    const plain = work.workOn(undefined, { collection: backend });
    expect(plain.constructor).toBe(WorkContext);
    expect(plain.collection).toBe(backend);
    expect(plain.modelName).toBe('res.users');
  });

  it('uses this env for a collection that has none', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.users', env });
    expect(work.workOn('m', { collection: { name: 'bare' } }).env).toBe(env);
  });

  it('refuses when no collection is available', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.users', env });
    expect(thrown(() => work.workOn('res.partner'))).toMatchObject({ subject: 'collection' });
  });

  it('refuses a collection whose env is not this env (identity)', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.users', env });
    const foreign: Collection = { name: 'shop.backend', env: { ...env } };
    expect(thrown(() => work.workOn('m', { collection: foreign }))).toMatchObject({
      subject: 'env',
    });
  });
});

describe('EventWorkContext lookups (L6, §3.1.2 fixed)', () => {
  it('delegate through workOn when there is a collection', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.partner', collection: backend });
    const exporter = work.component({ usage: 'record.exporter' });
    expect(exporter.componentName).toBe('shop.exporter');
    expect(exporter.work.constructor).toBe(WorkContext);
    expect(work.componentByName('generic.exporter').componentName).toBe('generic.exporter');
    expect(work.component({ usage: 'record.exporter', modelName: 'sale.order' }).modelName).toBe(
      'sale.order',
    );
  });

  it('manyComponents returns an array of every match (upstream returned one component or threw)', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.partner', collection: backend });
    const many = work.manyComponents({ usage: 'record.exporter' });
    expect(Array.isArray(many)).toBe(true);
    expect(many.map((component) => component.componentName)).toEqual([
      'generic.exporter',
      'shop.exporter',
    ]);
  });

  it('throw a WorkContextError with a hint in env mode', () => {
    const work = new EventWorkContext({ registry, modelName: 'res.partner', env });
    for (const call of [
      () => work.component({ usage: 'record.exporter' }),
      () => work.manyComponents({ usage: 'record.exporter' }),
      () => work.componentByName('generic.exporter'),
    ]) {
      const error = thrown(call);
      expect(error).toBeInstanceOf(WorkContextError);
      expect(error).toMatchObject({ subject: 'collection' });
      expect((error as Error).message).toContain('work.workOn(modelName, { collection })');
    }
  });
});

describe('EventWorkContext.toString (L7 fixed)', () => {
  it('never throws, with or without a collection', () => {
    expect(new EventWorkContext({ registry, modelName: 'res.users', env }).toString()).toBe(
      'EventWorkContext(res.users, env only)',
    );
    expect(
      new EventWorkContext({ registry, modelName: 'res.users', collection: backend }).toString(),
    ).toBe('EventWorkContext(res.users, shop.backend)');
    expect(String(new EventWorkContext({ registry, modelName: 'x', env }))).toBe(
      'EventWorkContext(x, env only)',
    );
  });
});
