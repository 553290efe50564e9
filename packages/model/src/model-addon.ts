import { defineAddon, type Addon } from '@bindery/component';
import { componentEventAddon } from '@bindery/component-event';
import type { Migration } from './migrations/migration.js';
import type { ModelDefinition } from './model-definition.js';

declare module '@bindery/component' {
  interface Addon {
    /** Models this addon defines or extends (`@bindery/model`). */
    readonly models?: readonly ModelDefinition[];
    /** Migrations of the tables this addon owns, applied in order (`@bindery/model`). */
    readonly migrations?: readonly Migration[];
  }
}

/** The `model` addon: every addon with models or migrations depends on it. */
export const modelAddon: Addon = defineAddon({ name: 'model', depends: [componentEventAddon] });
