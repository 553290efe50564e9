import { Component, type ComponentClass, type ComponentRegistry } from '@bindery/component';
import { ConnectorConfigError } from '../errors/connector-config-error.js';
import { mappingMarkOf } from './mapping-decorators.js';

/** How a mapping method runs, merged along the component's inheritance (upstream `MappingDefinition`). */
export interface MappingDefinition {
  /** The method name. */
  readonly name: string;
  /** Union of every `@changedBy` of the method along the inheritance. */
  readonly changedBy: ReadonlySet<string>;
  readonly onlyCreate: boolean;
}

interface OwnMapping {
  readonly name: string;
  readonly changedBy: ReadonlySet<string>;
  readonly onlyCreate: boolean | undefined;
}

const cache = new WeakMap<object, readonly MappingDefinition[]>();

/**
 * The mapping methods of a final mapper class, in a deterministic order: inherited ones first
 * (parents merged base first, then `inherit` in reverse order, as upstream), then the
 * component's own in declaration order. Merge rules: `changedBy` sets are unioned (copied, never
 * mutated); across parent components `onlyCreate` is OR-ed; a re-declaration by the component
 * itself (its definition or an in-place extension) sets `onlyCreate` to its own value.
 */
export function mappingDefinitions(
  cls: ComponentClass,
  registry: ComponentRegistry,
): readonly MappingDefinition[] {
  let found = cache.get(cls);
  if (found === undefined) {
    const own = ownMappingsByComponent(cls);
    const memo = new Map<string, Map<string, MappingDefinition>>();
    found = Object.freeze([...merged(cls.componentInfo.name, registry, own, memo).values()]);
    cache.set(cls, found);
  }
  return found;
}

/** The mapping methods each component of the class's linearisation declares, layer by layer. */
function ownMappingsByComponent(cls: ComponentClass): Map<string, OwnMapping[][]> {
  const info = cls.componentInfo;
  const protos: object[] = [];
  let proto: object | null = cls.prototype as object;
  for (let i = 0; i < info.layers.length && proto !== null; i++) {
    protos.push(proto);
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  if (proto !== Component.prototype) {
    throw new ConnectorConfigError(
      'mapper',
      `Mapper '${info.name}': each layer must return exactly one class extending its Base.`,
    );
  }
  const byComponent = new Map<string, OwnMapping[][]>();
  for (let i = info.layers.length - 1; i >= 0; i--) {
    const component = (info.layers[i] as { component: string }).component;
    const list = byComponent.get(component) ?? [];
    list.push(layerMappings(protos[i] as object));
    byComponent.set(component, list);
  }
  return byComponent;
}

function layerMappings(proto: object): OwnMapping[] {
  const result: OwnMapping[] = [];
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor') continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    const mark = mappingMarkOf(descriptor?.value);
    if (mark !== undefined)
      result.push({ name, changedBy: mark.changedBy, onlyCreate: mark.onlyCreate });
  }
  return result;
}

function merged(
  name: string,
  registry: ComponentRegistry,
  own: ReadonlyMap<string, OwnMapping[][]>,
  memo: Map<string, Map<string, MappingDefinition>>,
): Map<string, MappingDefinition> {
  const done = memo.get(name);
  if (done !== undefined) return done;
  const result = new Map<string, MappingDefinition>();
  for (const parent of [...(registry.info(name)?.parents ?? [])].reverse()) {
    for (const [method, definition] of merged(parent, registry, own, memo)) {
      const existing = result.get(method);
      result.set(method, {
        name: method,
        changedBy: new Set([...(existing?.changedBy ?? []), ...definition.changedBy]),
        onlyCreate: (existing?.onlyCreate ?? false) || definition.onlyCreate,
      });
    }
  }
  for (const layer of own.get(name) ?? []) {
    for (const mapping of layer) {
      const existing = result.get(mapping.name);
      result.set(mapping.name, {
        name: mapping.name,
        changedBy: new Set([...(existing?.changedBy ?? []), ...mapping.changedBy]),
        onlyCreate: mapping.onlyCreate ?? false,
      });
    }
  }
  memo.set(name, result);
  return result;
}
