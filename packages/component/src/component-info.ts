import type { ComponentRegistry } from './component-registry.js';

/** Where one layer of a component came from. */
export interface ComponentLayerInfo {
  /** The component the layer belongs to. */
  readonly component: string;
  /** The addon that declared it. */
  readonly addon: string;
  readonly kind: 'define' | 'extend';
}

/**
 * What a registry resolved for one component: metadata along the linearisation, the parents and
 * the layers in the order they were applied. Read it with `registry.info(name)`.
 */
export interface ComponentInfo {
  readonly name: string;
  /** The addon that declared the component (its `define`). */
  readonly addon: string;
  readonly abstract: boolean;
  readonly collection: string | undefined;
  readonly usage: string | undefined;
  /** Models the component applies to; `undefined` means any model. */
  readonly applyOn: readonly string[] | undefined;
  /** Direct parents, in order, `'base'` last (empty for `'base'` itself). */
  readonly parents: readonly string[];
  /** C3 linearisation: the component first, `'base'` last. */
  readonly linearization: readonly string[];
  /** Every layer of the final class, outermost (applied last) first. */
  readonly layers: readonly ComponentLayerInfo[];
  /** Position in registry order (the order of first declaration). */
  readonly index: number;
  readonly registry: ComponentRegistry;
}

const infoByClass = new WeakMap<object, ComponentInfo>();

/** @internal Attach build metadata to a final registry class. */
export function setComponentInfo(cls: object, info: ComponentInfo): void {
  infoByClass.set(cls, info);
}

/** The build metadata of a final registry class, or `undefined` for any other class. */
export function componentInfoOf(cls: unknown): ComponentInfo | undefined {
  return typeof cls === 'function' ? infoByClass.get(cls) : undefined;
}
