import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { Synchronizer, type SynchronizerComponent } from './base-synchronizer.js';

/** `'base.importer'` (usage `importer`, abstract): the base of importers (import mapper). */
export const BaseImporter: ComponentDefinition<SynchronizerComponent> = defineComponent(
  { name: 'base.importer', inherit: Synchronizer, usage: 'importer', abstract: true },
  (Base) =>
    class extends Base {
      override mapperUsage = 'import.mapper';
    },
);
