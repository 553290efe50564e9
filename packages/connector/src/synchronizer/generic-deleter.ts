import { defineComponent, type ComponentDefinition } from '@bindery/component';
import type { ExternalIdInput } from '../binding/binding-row.js';
import { BaseDeleter } from './base-deleter.js';
import type { SynchronizerComponent } from './base-synchronizer.js';

/** The instance type of {@link GenericDeleter}. */
export interface DeleterComponent extends SynchronizerComponent {
  /** Delete the record in the backend; returns a message. */
  run(externalId: ExternalIdInput): Promise<string>;
}

/**
 * `'generic.deleter'` (usage `record.exporter.deleter`, abstract): deletes a record in the
 * backend through the adapter's `delete` (the deleter of upstream connectors).
 */
export const GenericDeleter: ComponentDefinition<DeleterComponent> = defineComponent(
  {
    name: 'generic.deleter',
    inherit: BaseDeleter,
    usage: 'record.exporter.deleter',
    abstract: true,
  },
  (Base) =>
    class extends Base {
      async run(externalId: ExternalIdInput): Promise<string> {
        const id = this.binder.normalizeExternalId(externalId);
        await this.backendAdapter.delete(id);
        return `Record ${id} deleted on the backend.`;
      }
    },
);
