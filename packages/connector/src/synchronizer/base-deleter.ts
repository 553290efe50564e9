import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { Synchronizer, type SynchronizerComponent } from './base-synchronizer.js';

/** `'base.deleter'` (usage `deleter`, abstract): the base of deleters. */
export const BaseDeleter: ComponentDefinition<SynchronizerComponent> = defineComponent(
  { name: 'base.deleter', inherit: Synchronizer, usage: 'deleter', abstract: true },
  (Base) => class extends Base {},
);
