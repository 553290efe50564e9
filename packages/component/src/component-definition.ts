import type { Component, ComponentClass } from './component.js';
import type { ComponentByName } from './typed-registry.js';

const definitionMarker = Symbol.for('@bindery/component.definition');

/** A parent named by string, or by the definition object itself (typed without augmentation). */
export type ParentRef = string | ComponentDefinition;

/** Metadata of a component declaration (Odoo's `_name`, `_inherit`, `_collection`, `_usage`, `_apply_on`). */
export interface ComponentDeclaration {
  /** The component's name. Optional only for an in-place extension of a single `inherit`. */
  readonly name?: string;
  /** Parent component(s). Naming the component's own `name` extends it in place. */
  readonly inherit?: ParentRef | readonly ParentRef[];
  /** The collection (for example a backend model name) the component is restricted to; `null` resets it. */
  readonly collection?: string | null;
  /** What the component is for (`'binder'`, `'record.importer'`...); `null` resets it. */
  readonly usage?: string | null;
  /** Model names the component applies to; `null` means every model. An empty list is an error. */
  readonly applyOn?: string | readonly string[] | null;
  /**
   * Abstract components are never returned by `component()` / `manyComponents()` lookups.
   * @defaultValue `false` for a new component; an extension keeps the component's own value.
   */
  readonly abstract?: boolean;
}

/** Options of {@link extendComponent}: metadata overrides and extra parents. */
export type ComponentExtensionOptions = Omit<ComponentDeclaration, 'name' | 'inherit'> & {
  /** Extra parents added to the extended component (Odoo's `_inherit = ['x', 'z']` on `x`). */
  readonly inherit?: ParentRef | readonly ParentRef[];
};

/**
 * A layer: a mixin factory that receives the class composed so far and returns a class that
 * extends it. Layers are applied along the linearisation at build time, so `super.method()`
 * reaches the previous layer, whichever package declared it.
 */
export type ComponentLayer<TBase extends Component, TResult extends ComponentClass> = (
  Base: ComponentClass<TBase>,
) => TResult;

type UnionToIntersection<TUnion> = (
  TUnion extends unknown ? (arg: TUnion) => void : never
) extends (arg: infer TArg) => void
  ? TArg
  : never;

type InstanceOfParent<TRef> = TRef extends string
  ? ComponentByName<TRef>
  : TRef extends ComponentDefinition<infer TInstance>
    ? TInstance
    : Component;

/** The instance type a layer's `Base` has, from an `inherit` value. */
export type InheritedInstance<TInherit> = TInherit extends readonly (infer TRef)[]
  ? [TRef] extends [never]
    ? Component
    : UnionToIntersection<InstanceOfParent<TRef>> & Component
  : TInherit extends ParentRef
    ? InstanceOfParent<TInherit> & Component
    : Component;

/** Whether a definition declares a new component or extends an existing one in place. */
export type ComponentDefinitionKind = 'define' | 'extend';

/**
 * A component declaration plus its layer, as listed in an addon's `components`. Produced by
 * {@link defineComponent} and {@link extendComponent}; immutable.
 */
export interface ComponentDefinition<TInstance extends Component = Component> {
  readonly kind: ComponentDefinitionKind;
  /** The component this definition declares or extends. */
  readonly name: string;
  /** Direct parents by name, in declaration order (without the implicit `'base'`). */
  readonly parents: readonly string[];
  readonly collection: string | null | undefined;
  readonly usage: string | null | undefined;
  readonly applyOn: readonly string[] | null | undefined;
  readonly abstract: boolean | undefined;
  readonly layer: (Base: ComponentClass) => ComponentClass;
  /** Type-only: the instance type this definition produces. */
  readonly __instance?: TInstance;
}

/** The instance type produced by a definition: `interface Binder extends ComponentInstance<typeof BinderDef> {}`. */
export type ComponentInstance<TDefinition> =
  TDefinition extends ComponentDefinition<infer TInstance> ? TInstance : never;

/** True for values made by {@link defineComponent} / {@link extendComponent}. */
export function isComponentDefinition(value: unknown): value is ComponentDefinition {
  return typeof value === 'object' && value !== null && definitionMarker in value;
}

function parentName(ref: ParentRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

function toParentNames(inherit: ParentRef | readonly ParentRef[] | undefined): string[] {
  if (inherit === undefined) return [];
  const refs: readonly ParentRef[] = Array.isArray(inherit) ? inherit : [inherit as ParentRef];
  return refs.map(parentName);
}

function normaliseApplyOn(
  applyOn: ComponentDeclaration['applyOn'],
): readonly string[] | null | undefined {
  if (applyOn === undefined || applyOn === null) return applyOn;
  const list = typeof applyOn === 'string' ? [applyOn] : [...applyOn];
  return Object.freeze(list);
}

function makeDefinition(
  kind: ComponentDefinitionKind,
  name: string,
  parents: string[],
  decl: Omit<ComponentDeclaration, 'name' | 'inherit'>,
  layer: unknown,
): ComponentDefinition {
  return Object.freeze({
    [definitionMarker]: true,
    kind,
    name,
    parents: Object.freeze(parents),
    collection: decl.collection,
    usage: decl.usage,
    applyOn: normaliseApplyOn(decl.applyOn),
    abstract: decl.abstract,
    layer: layer as ComponentDefinition['layer'],
  });
}

/**
 * Declare a component: metadata plus a mixin-factory layer.
 *
 * Without `name`, a single `inherit` makes this an in-place extension of that component (same
 * as {@link extendComponent}); with `name` equal to one of `inherit`, it extends that component in
 * place and adds the other parents to it. Validation happens when the registry is built, where
 * every error names the culprit.
 *
 * @example
 * ```ts
 * export const Binder = defineComponent(
 *   { name: 'base.binder', usage: 'binder', abstract: true },
 *   (Base) => class extends Base {
 *     externalKey(id: string) { return `${this.modelName}:${id}`; }
 *   },
 * );
 * ```
 */
export function defineComponent<
  const TDecl extends ComponentDeclaration,
  TResult extends ComponentClass,
>(
  declaration: TDecl,
  layer: ComponentLayer<InheritedInstance<TDecl['inherit']>, TResult>,
): ComponentDefinition<InstanceType<TResult>> {
  const parents = toParentNames(declaration.inherit);
  const selfExtension = declaration.name !== undefined && parents.includes(declaration.name);
  const implicitExtension = declaration.name === undefined && parents.length === 1;
  const name = declaration.name ?? (parents.length === 1 ? (parents[0] as string) : '');
  const kind = selfExtension || implicitExtension ? 'extend' : 'define';
  const ownParents = kind === 'extend' ? parents.filter((parent) => parent !== name) : parents;
  return makeDefinition(kind, name, ownParents, declaration, layer) as ComponentDefinition<
    InstanceType<TResult>
  >;
}

/**
 * Extend an existing component in place (Odoo's `_inherit` without `_name`): every user of the
 * component, and every component inheriting from it, sees the new layer, whatever the order in
 * which the addons were declared.
 *
 * @example
 * ```ts
 * export const LoggingBinder = extendComponent('base.binder', (Base) => class extends Base {
 *   override externalKey(id: string) { console.log('key', id); return super.externalKey(id); }
 * });
 * ```
 */
export function extendComponent<const TTarget extends ParentRef, TResult extends ComponentClass>(
  target: TTarget,
  layer: ComponentLayer<InheritedInstance<TTarget>, TResult>,
  options: ComponentExtensionOptions = {},
): ComponentDefinition<InstanceType<TResult>> {
  const name = parentName(target);
  const extra = toParentNames(options.inherit).filter((parent) => parent !== name);
  return makeDefinition('extend', name, extra, options, layer) as ComponentDefinition<
    InstanceType<TResult>
  >;
}
