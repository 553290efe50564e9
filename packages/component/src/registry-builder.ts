import type { Addon } from './addon.js';
import { Component, type ComponentClass } from './component.js';
import type { ComponentDefinition } from './component-definition.js';
import type { ComponentInfo, ComponentLayerInfo } from './component-info.js';
import type { ComponentRegistry } from './component-registry.js';
import { ComponentBuildError } from './errors/component-build-error.js';
import { linearizeAll } from './linearization.js';

/** The root component every other one inherits from. */
export const BASE_COMPONENT = 'base';

interface Declared {
  readonly name: string;
  readonly addon: string;
  readonly abstract: boolean;
  /** Direct parents without `'base'`, extension parents appended. */
  readonly parents: string[];
  /** The `define` first, then each extension in declaration order. */
  readonly layers: { readonly definition: ComponentDefinition; readonly addon: string }[];
}

/** Phase 1: collect every declaration in addon order, validating names, parents and abstractness. */
export function collectDeclarations(addons: readonly Addon[]): Map<string, Declared> {
  const declared = new Map<string, Declared>();
  for (const addon of addons) {
    for (const definition of addon.components ?? []) {
      validateDefinition(definition, addon.name);
      if (definition.kind === 'define') declareNew(declared, definition, addon.name);
      else declareExtension(declared, definition, addon.name);
    }
  }
  return declared;
}

function fail(
  code: ConstructorParameters<typeof ComponentBuildError>[0],
  name: string,
  addon: string,
  message: string,
): never {
  throw new ComponentBuildError(code, name, message, { addon });
}

function validateDefinition(definition: ComponentDefinition, addon: string): void {
  const { name, parents, collection, usage, applyOn, layer } = definition;
  if (name === '') {
    const culprit =
      parents.length === 0 ? '<anonymous>' : `[${parents.map((p) => `'${p}'`).join(', ')}]`;
    fail('missing-name', culprit, addon, `Component inheriting ${culprit} must have a name`);
  }
  if (typeof layer !== 'function') {
    fail(
      'invalid-layer',
      name,
      addon,
      `Component '${name}': its layer must be a function (Base) => class extends Base`,
    );
  }
  for (const [key, value] of [
    ['collection', collection],
    ['usage', usage],
  ] as const) {
    if (value !== undefined && value !== null && (typeof value !== 'string' || value === '')) {
      fail(
        'invalid-declaration',
        name,
        addon,
        `Component '${name}': ${key} must be a non-empty string or null`,
      );
    }
  }
  if (applyOn !== undefined && applyOn !== null) {
    if (
      applyOn.length === 0 ||
      applyOn.some((model) => typeof model !== 'string' || model === '')
    ) {
      fail(
        'invalid-declaration',
        name,
        addon,
        `Component '${name}': applyOn must list at least one model name (use null for every model)`,
      );
    }
  }
}

function declareNew(
  declared: Map<string, Declared>,
  definition: ComponentDefinition,
  addon: string,
): void {
  const { name } = definition;
  const existing = declared.get(name);
  if (existing !== undefined) {
    fail(
      'duplicate-name',
      name,
      addon,
      `Component '${name}' already exists (declared in addon '${existing.addon}'). Use ` +
        `extendComponent('${name}', ...) to extend it in place, or choose a different name`,
    );
  }
  const abstract = definition.abstract ?? false;
  const parents = definition.parents.filter((parent) => parent !== BASE_COMPONENT);
  for (const parent of definition.parents) checkParent(declared, name, abstract, parent, addon);
  declared.set(name, {
    name,
    addon,
    abstract,
    parents: [...new Set(parents)],
    layers: [{ definition, addon }],
  });
}

function declareExtension(
  declared: Map<string, Declared>,
  definition: ComponentDefinition,
  addon: string,
): void {
  const { name } = definition;
  const target = declared.get(name);
  if (target === undefined) {
    fail(
      'unknown-component',
      name,
      addon,
      `Component '${name}' does not exist in registry, so it cannot be extended. Declare it ` +
        `first, in this addon or in one it depends on`,
    );
  }
  if (target.abstract && definition.abstract === false) {
    fail(
      'abstract-made-concrete',
      name,
      addon,
      `An extension transforms the abstract component '${name}' into a non-abstract component; ` +
        `declare a new component that inherits it instead`,
    );
  }
  for (const parent of definition.parents) {
    checkParent(declared, name, target.abstract, parent, addon);
    if (parent !== BASE_COMPONENT && !target.parents.includes(parent)) target.parents.push(parent);
  }
  target.layers.push({ definition, addon });
}

function checkParent(
  declared: Map<string, Declared>,
  name: string,
  abstract: boolean,
  parent: string,
  addon: string,
): void {
  const found = declared.get(parent);
  if (found === undefined) {
    fail(
      'unknown-parent',
      name,
      addon,
      `Component '${name}' inherits from non-existing component '${parent}'`,
    );
  }
  if (abstract && !found.abstract) {
    fail(
      'abstract-inherits-concrete',
      name,
      addon,
      `In '${name}', the abstract component '${name}' cannot inherit from the non-abstract component '${parent}'`,
    );
  }
}

/** What phase 2 produces: final classes and their info, in registry order. */
export interface MaterialisedRegistry {
  readonly classes: Map<string, ComponentClass>;
  readonly infos: Map<string, ComponentInfo>;
}

/** Phase 2: linearise, resolve metadata, compose each final class from its layers. */
export function materialise(
  declared: Map<string, Declared>,
  registry: ComponentRegistry,
): MaterialisedRegistry {
  const parentsOf = new Map<string, readonly string[]>();
  for (const item of declared.values()) {
    parentsOf.set(item.name, item.name === BASE_COMPONENT ? [] : [...item.parents, BASE_COMPONENT]);
  }
  const linearizations = linearizeAll(parentsOf);
  const chains = new Map<string, ComponentClass>();
  const classes = new Map<string, ComponentClass>();
  const infos = new Map<string, ComponentInfo>();
  let index = 0;
  for (const item of declared.values()) {
    const linearization = linearizations.get(item.name) as readonly string[];
    const Cls = composeChain(linearization, 0, declared, chains);
    const info = resolveInfo(item, linearization, declared, parentsOf, registry, index++);
    classes.set(item.name, Cls);
    infos.set(item.name, info);
  }
  return { classes, infos };
}

/** The class for `linearization[from..]`, reusing any identical suffix already composed. */
function composeChain(
  linearization: readonly string[],
  from: number,
  declared: Map<string, Declared>,
  chains: Map<string, ComponentClass>,
): ComponentClass {
  if (from === linearization.length) return Component as ComponentClass;
  const key = linearization.slice(from).join('\u0000');
  const cached = chains.get(key);
  if (cached !== undefined) return cached;
  let Cls = composeChain(linearization, from + 1, declared, chains);
  const item = declared.get(linearization[from] as string) as Declared;
  for (const { definition, addon } of item.layers) Cls = applyLayer(definition, addon, Cls);
  chains.set(key, Cls);
  return Cls;
}

function applyLayer(
  definition: ComponentDefinition,
  addon: string,
  Base: ComponentClass,
): ComponentClass {
  let result: unknown;
  try {
    result = definition.layer(Base);
  } catch (cause) {
    throw new ComponentBuildError(
      'invalid-layer',
      definition.name,
      `A layer of component '${definition.name}' threw`,
      {
        addon,
        cause,
      },
    );
  }
  const extendsBase =
    typeof result === 'function' &&
    result !== Base &&
    Object.prototype.isPrototypeOf.call(Base.prototype, (result as ComponentClass).prototype);
  if (!extendsBase) {
    fail(
      'invalid-layer',
      definition.name,
      addon,
      `A layer of component '${definition.name}' must return a new class that extends its Base argument`,
    );
  }
  return result as ComponentClass;
}

type MetadataKey = 'collection' | 'usage' | 'applyOn';

/** The first explicit value of `key` along the linearisation, newest extension first. */
function resolveMetadata<TKey extends MetadataKey>(
  key: TKey,
  linearization: readonly string[],
  declared: Map<string, Declared>,
): NonNullable<ComponentDefinition[TKey]> | undefined {
  for (const name of linearization) {
    const layers = (declared.get(name) as Declared).layers;
    for (let i = layers.length - 1; i >= 0; i--) {
      const value = (layers[i] as Declared['layers'][number]).definition[key];
      if (value !== undefined)
        return value === null ? undefined : (value as NonNullable<ComponentDefinition[TKey]>);
    }
  }
  return undefined;
}

function resolveInfo(
  item: Declared,
  linearization: readonly string[],
  declared: Map<string, Declared>,
  parentsOf: Map<string, readonly string[]>,
  registry: ComponentRegistry,
  index: number,
): ComponentInfo {
  const layers: ComponentLayerInfo[] = [];
  for (const name of linearization) {
    const own = (declared.get(name) as Declared).layers;
    for (let i = own.length - 1; i >= 0; i--) {
      const layer = own[i] as Declared['layers'][number];
      layers.push({ component: name, addon: layer.addon, kind: layer.definition.kind });
    }
  }
  return Object.freeze({
    name: item.name,
    addon: item.addon,
    abstract: item.abstract,
    collection: resolveMetadata('collection', linearization, declared),
    usage: resolveMetadata('usage', linearization, declared),
    applyOn: resolveMetadata('applyOn', linearization, declared),
    parents: Object.freeze([...(parentsOf.get(item.name) ?? [])]),
    linearization,
    layers: Object.freeze(layers),
    index,
    registry,
  });
}
