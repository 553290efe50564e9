import { defineAddon } from './addon.js';
import { defineComponent } from './component-definition.js';

/**
 * `'base'`: the abstract root every component inherits implicitly. Extend it in place to give
 * every component a method.
 */
export const BaseComponent = defineComponent(
  { name: 'base', abstract: true },
  (Base) => class extends Base {},
);

/** The `component` addon, which every registry includes and every addon depends on. */
export const componentAddon = defineAddon({ name: 'component', components: [BaseComponent] });
