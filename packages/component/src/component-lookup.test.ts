import { describe, expect, it } from 'vitest';
import { defineAddon } from './addon.js';
import type { Component } from './component.js';
import { defineComponent, type ComponentDeclaration } from './component-definition.js';
import { buildRegistry, type ComponentRegistry } from './component-registry.js';
import { NoComponentError } from './errors/no-component-error.js';
import { SeveralComponentError } from './errors/several-component-error.js';
import { WorkContext, type ComponentQuery } from './work-context.js';
import { collection } from './__fixtures__/collections.js';

const BACKEND = 'shop.backend';

function component(declaration: ComponentDeclaration & { name: string }) {
  return defineComponent(declaration, (Base) => class extends Base {});
}

function registryOf(
  ...declarations: (ComponentDeclaration & { name: string })[]
): ComponentRegistry {
  return buildRegistry([defineAddon({ name: 'test', components: declarations.map(component) })]);
}

function workOn(registry: ComponentRegistry, modelName = 'res.partner', collectionName = BACKEND) {
  return new WorkContext({ registry, collection: collection(collectionName), modelName });
}

function namesOf(components: readonly Component[]): string[] {
  return components.map((c) => c.componentName);
}

describe('registry.lookup (E)', () => {
  const registry = registryOf(
    { name: 'generic', usage: 'u' },
    { name: 'abstract', usage: 'u', abstract: true },
    { name: 'shop', usage: 'u', collection: BACKEND },
    { name: 'other.shop', usage: 'u', collection: 'other.backend' },
    { name: 'partner', usage: 'u', applyOn: ['res.partner', 'res.users'] },
    { name: 'no.usage' },
  );
  const names = (filters: Parameters<ComponentRegistry['lookup']>[0]) =>
    registry.lookup(filters).map((cls) => cls.componentInfo.name);

  it('excludes abstract components and keeps registry order (E1, E2)', () => {
    expect(names({})).toEqual(['generic', 'shop', 'other.shop', 'partner', 'no.usage']);
  });

  it('keeps the collection plus generic components, or every collection without one (E3)', () => {
    expect(names({ collection: BACKEND })).toEqual(['generic', 'shop', 'partner', 'no.usage']);
    expect(names({ collection: 'other.backend', usage: 'u' })).toEqual([
      'generic',
      'other.shop',
      'partner',
    ]);
  });

  it('filters by exact usage and by model (E4, E5)', () => {
    expect(names({ usage: 'u', modelName: 'res.users' })).toEqual([
      'generic',
      'shop',
      'other.shop',
      'partner',
    ]);
    expect(names({ usage: 'u', modelName: 'sale.order' })).toEqual([
      'generic',
      'shop',
      'other.shop',
    ]);
    expect(names({ usage: 'U' })).toEqual([]);
  });

  it('caches results as frozen arrays that callers cannot corrupt (J3)', () => {
    const first = registry.lookup({ usage: 'u' });
    const second = registry.lookup({ usage: 'u' });
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as unknown[]).push('x')).toThrow(TypeError);
    expect(registry.lookup({ usage: 'u' })).toHaveLength(4);
  });

  it('keys the cache canonically: undefined and empty-string filters differ (§3.1.9)', () => {
    expect(names({ usage: undefined })).toHaveLength(5);
    expect(names({ collection: '' })).toEqual(['generic', 'partner', 'no.usage']);
  });
});

describe('work.component() precedence (G5, G6; decision §3.1.5)', () => {
  it('returns a single candidate even if generic', () => {
    const registry = registryOf({ name: 'only', usage: 'u' });
    expect(workOn(registry).component({ usage: 'u' }).componentName).toBe('only');
  });

  it('prefers collection-specific over collection-less, regardless of model specificity', () => {
    const registry = registryOf(
      { name: 'model.specific', usage: 'u', applyOn: 'res.partner' },
      { name: 'collection.specific', usage: 'u', collection: BACKEND },
    );
    expect(workOn(registry).component({ usage: 'u' }).componentName).toBe('collection.specific');
  });

  it('among collection-specific candidates, the single model-specific one wins', () => {
    const registry = registryOf(
      { name: 'c.generic', usage: 'u', collection: BACKEND },
      { name: 'c.partner', usage: 'u', collection: BACKEND, applyOn: 'res.partner' },
      { name: 'generic', usage: 'u' },
    );
    expect(workOn(registry).component({ usage: 'u' }).componentName).toBe('c.partner');
    expect(workOn(registry, 'sale.order').component({ usage: 'u' }).componentName).toBe(
      'c.generic',
    );
  });

  it('reports the tied candidates when two collection-specific model-generic ones tie (upstream says Found: [])', () => {
    const registry = registryOf(
      { name: 'first', usage: 'u', collection: BACKEND },
      { name: 'second', usage: 'u', collection: BACKEND },
    );
    const call = () => workOn(registry).component({ usage: 'u' });
    expect(call).toThrow(SeveralComponentError);
    try {
      call();
    } catch (error) {
      expect((error as SeveralComponentError).candidates).toEqual(['first', 'second']);
      expect((error as SeveralComponentError).message).toContain('first, second');
      expect((error as SeveralComponentError).query).toEqual({
        collection: BACKEND,
        usage: 'u',
        modelName: 'res.partner',
      });
    }
  });

  it('picks the model-specific one among collection-less candidates (upstream raises with Found: [])', () => {
    const registry = registryOf(
      { name: 'generic', usage: 'u' },
      { name: 'partner', usage: 'u', applyOn: 'res.partner' },
    );
    expect(workOn(registry).component({ usage: 'u' }).componentName).toBe('partner');
    expect(workOn(registry, 'sale.order').component({ usage: 'u' }).componentName).toBe('generic');
  });

  it('raises for two equally generic collection-less candidates, naming both', () => {
    const registry = registryOf({ name: 'g1', usage: 'u' }, { name: 'g2', usage: 'u' });
    expect(() => workOn(registry).component({ usage: 'u' })).toThrow(/g1, g2/);
  });

  it('ranks collection-specific + model-specific highest of all four kinds', () => {
    const registry = registryOf(
      { name: 'both', usage: 'u', collection: BACKEND, applyOn: 'res.partner' },
      { name: 'collection', usage: 'u', collection: BACKEND },
      { name: 'model', usage: 'u', applyOn: 'res.partner' },
      { name: 'none', usage: 'u' },
    );
    expect(workOn(registry).component({ usage: 'u' }).componentName).toBe('both');
  });

  it('without usage looks at every concrete component of the collection and model', () => {
    const registry = registryOf(
      { name: 'abstract', abstract: true },
      { name: 'lonely', applyOn: 'res.partner' },
    );
    expect(workOn(registry).component().componentName).toBe('lonely');
    const two = registryOf({ name: 'a1' }, { name: 'a2' });
    expect(() => workOn(two).component()).toThrow(SeveralComponentError);
  });

  it('raises NoComponentError when nothing matches', () => {
    const registry = registryOf({ name: 'other', usage: 'u', collection: 'other.backend' });
    const call = () => workOn(registry).component({ usage: 'u' });
    expect(call).toThrow(NoComponentError);
    expect(call).toThrow(
      "No component found for collection 'shop.backend', usage 'u', model 'res.partner'.",
    );
  });

  it('looks up for another model with a context for that model', () => {
    const registry = registryOf({ name: 'order', usage: 'u', applyOn: 'sale.order' });
    const work = workOn(registry);
    const found = work.component({ usage: 'u', modelName: 'sale.order' });
    expect(found.componentName).toBe('order');
    expect(found.work.modelName).toBe('sale.order');
    expect(found.work).not.toBe(work);
    expect(work.modelName).toBe('res.partner');
  });

  it('creates a new instance on every call (A12)', () => {
    const registry = registryOf({ name: 'only', usage: 'u' });
    const work = workOn(registry);
    expect(work.component({ usage: 'u' })).not.toBe(work.component({ usage: 'u' }));
    expect(work.component({ usage: 'u' }).work).toBe(work);
  });
});

describe('componentMatch (A15, §3.1.6)', () => {
  const calls: { model: string; query: ComponentQuery }[] = [];
  const Picky = defineComponent(
    { name: 'picky', usage: 'u', collection: BACKEND },
    (Base) =>
      class extends Base {
        static override componentMatch(work: WorkContext, query: ComponentQuery): boolean {
          calls.push({ model: work.modelName, query });
          return query.match?.['wanted'] === true;
        }
      },
  );
  const Fallback = defineComponent(
    { name: 'fallback', usage: 'u' },
    (Base) => class extends Base {},
  );
  const registry = buildRegistry([defineAddon({ name: 't', components: [Picky, Fallback] })]);

  it('drops candidates that refuse, on every call (never cached)', () => {
    const work = workOn(registry);
    expect(work.component({ usage: 'u' }).componentName).toBe('fallback');
    expect(work.component({ usage: 'u', match: { wanted: true } }).componentName).toBe('picky');
    expect(work.component({ usage: 'u' }).componentName).toBe('fallback');
    expect(namesOf(work.manyComponents({ usage: 'u' }))).toEqual(['fallback']);
    expect(namesOf(work.manyComponents({ usage: 'u', match: { wanted: true } }))).toEqual([
      'picky',
      'fallback',
    ]);
  });

  it('sees the work context of the target model and the caller query', () => {
    calls.length = 0;
    workOn(registry).component({ usage: 'u', modelName: 'sale.order', match: { wanted: true } });
    expect(calls).toEqual([
      {
        model: 'sale.order',
        query: { usage: 'u', modelName: 'sale.order', match: { wanted: true } },
      },
    ]);
  });

  it('is ignored by componentByName', () => {
    expect(workOn(registry).componentByName('picky').componentName).toBe('picky');
  });
});

describe('work.manyComponents() (G7)', () => {
  it('returns generic and specific matches together in registry order, [] when none', () => {
    const registry = registryOf(
      { name: 'generic', usage: 'u' },
      { name: 'specific', usage: 'u', collection: BACKEND, applyOn: 'res.partner' },
      { name: 'elsewhere', usage: 'u', collection: 'other.backend' },
    );
    const work = workOn(registry);
    expect(namesOf(work.manyComponents({ usage: 'u' }))).toEqual(['generic', 'specific']);
    expect(work.manyComponents({ usage: 'nothing' })).toEqual([]);
    expect(namesOf(work.manyComponents({ usage: 'u', modelName: 'sale.order' }))).toEqual([
      'generic',
    ]);
  });
});

describe('work.componentByName() (G8)', () => {
  const registry = registryOf(
    { name: 'abstract.mapper', abstract: true },
    { name: 'elsewhere', collection: 'other.backend' },
    { name: 'users.only', applyOn: 'res.users' },
    { name: 'two.models', applyOn: ['a.b', 'c.d'] },
  );

  it('returns abstract components too (A11)', () => {
    expect(workOn(registry).componentByName('abstract.mapper').componentName).toBe(
      'abstract.mapper',
    );
    expect(workOn(registry).componentByName('base').componentName).toBe('base');
  });

  it('raises for an unknown name', () => {
    expect(() => workOn(registry).componentByName('nope')).toThrow(
      "No component with name 'nope' found.",
    );
  });

  it('raises for another collection', () => {
    expect(() => workOn(registry).componentByName('elsewhere')).toThrow(
      "Component with name 'elsewhere' can't be used for collection 'shop.backend'.",
    );
  });

  it('raises with a hint for another model, one or several', () => {
    expect(() => workOn(registry).componentByName('users.only')).toThrow(
      "Component with name 'users.only' can't be used for model 'res.partner'.\n" +
        "Hint: you might want to use: componentByName('users.only', { modelName: 'res.users' })",
    );
    expect(() => workOn(registry).componentByName('two.models')).toThrow(
      "componentByName('two.models', { modelName: <one of 'a.b', 'c.d'> })",
    );
  });

  it('switches to the requested model', () => {
    const found = workOn(registry).componentByName('users.only', { modelName: 'res.users' });
    expect(found.work.modelName).toBe('res.users');
    expect(found.modelName).toBe('res.users');
  });

  it('carries the query on the error', () => {
    try {
      workOn(registry).componentByName('users.only');
    } catch (error) {
      expect((error as NoComponentError).query).toEqual({
        collection: BACKEND,
        usage: undefined,
        modelName: 'res.partner',
        componentName: 'users.only',
      });
      return;
    }
    throw new Error('expected NoComponentError');
  });
});
