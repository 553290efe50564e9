import type { ComponentClass } from '@bindery/component';

const cache = new WeakMap<object, Map<string, boolean>>();

/**
 * True when one of `methods` is defined by a layer of `cls` that belongs to another component
 * than `owner` (a subclass or an extension overrode it). Used to keep optimised paths (bulk
 * creation) off when a connector overrides the per-record hooks they bypass.
 */
export function isOverriddenOutside(
  cls: ComponentClass,
  owner: string,
  methods: readonly string[],
): boolean {
  let byKey = cache.get(cls);
  if (byKey === undefined) {
    byKey = new Map();
    cache.set(cls, byKey);
  }
  const key = `${owner}\0${methods.join(',')}`;
  let found = byKey.get(key);
  if (found === undefined) {
    found = scan(cls, owner, methods);
    byKey.set(key, found);
  }
  return found;
}

function scan(cls: ComponentClass, owner: string, methods: readonly string[]): boolean {
  const layers = cls.componentInfo.layers;
  let proto: object | null = cls.prototype as object;
  for (let i = 0; i < layers.length && proto !== null; i++) {
    const component = (layers[i] as { component: string }).component;
    if (component === owner) return false;
    if (methods.some((name) => Object.hasOwn(proto as object, name))) return true;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return false;
}
