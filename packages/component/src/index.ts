export { defineAddon, type Addon } from './addon.js';
export { resolveAddons } from './addon-order.js';
export { Component, type ComponentClass } from './component.js';
export { BaseComponent, componentAddon } from './component-addon.js';
export {
  defineComponent,
  extendComponent,
  isComponentDefinition,
  type ComponentDeclaration,
  type ComponentDefinition,
  type ComponentDefinitionKind,
  type ComponentExtensionOptions,
  type ComponentInstance,
  type ComponentLayer,
  type InheritedInstance,
  type ParentRef,
} from './component-definition.js';
export { componentInfoOf, type ComponentInfo, type ComponentLayerInfo } from './component-info.js';
export { ComponentRegistries } from './component-registries.js';
export {
  buildRegistry,
  ComponentRegistry,
  type ComponentRegistryOptions,
  type LookupFilters,
} from './component-registry.js';
export type { LookupEntry } from './component-selection.js';
export { AddonError, type AddonErrorCode } from './errors/addon-error.js';
export {
  ComponentBuildError,
  type ComponentBuildErrorCode,
} from './errors/component-build-error.js';
export { ComponentError } from './errors/component-error.js';
export { NoComponentError, type ComponentQueryDescription } from './errors/no-component-error.js';
export { RegistryNotReadyError } from './errors/registry-not-ready-error.js';
export { SeveralComponentError } from './errors/several-component-error.js';
export { WorkContextError } from './errors/work-context-error.js';
export { LruCache } from './lookup-cache.js';
export { BASE_COMPONENT } from './registry-builder.js';
export type {
  ComponentByName,
  ComponentByUsage,
  ComponentName,
  ComponentsByName,
  ComponentsByUsage,
  ComponentUsage,
  RegisteredEnv,
  WorkContextTypes,
} from './typed-registry.js';
export {
  WorkContext,
  type Collection,
  type ComponentQuery,
  type WorkContextOptions,
} from './work-context.js';
