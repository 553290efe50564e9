import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { Synchronizer, type SynchronizerComponent } from './base-synchronizer.js';

/** `'base.exporter'` (usage `exporter`, abstract): the base of exporters (export mapper). */
export const BaseExporter: ComponentDefinition<SynchronizerComponent> = defineComponent(
  { name: 'base.exporter', inherit: Synchronizer, usage: 'exporter', abstract: true },
  (Base) =>
    class extends Base {
      override mapperUsage = 'export.mapper';
    },
);
