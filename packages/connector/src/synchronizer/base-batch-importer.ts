import { defineComponent, type ComponentDefinition } from '@bindery/component';
import type { DelayOptions } from '@bindery/queue-job';
import type { ExternalIdInput } from '../binding/binding-row.js';
import { NotImplementedError } from '../errors/not-implemented-error.js';
import { BaseImporter } from './base-importer.js';
import type { SynchronizerComponent } from './base-synchronizer.js';
import type { ImportResult } from './import-result.js';

/** What a batch import did: how many records, and their results (direct) or jobs (delayed). */
export interface BatchImportResult {
  readonly count: number;
  /** Direct import: one result per record. */
  readonly results?: readonly ImportResult[];
  /** Delayed import: the ids of the enqueued jobs. */
  readonly jobIds?: readonly string[];
}

/** The instance type of {@link BatchImporter}. */
export interface BatchImporterComponent extends SynchronizerComponent {
  /** Search the backend with `filters`, then import the ids found. */
  run(filters?: unknown): Promise<BatchImportResult>;
  /** Import every id (default: `importRecord` one by one). */
  importRecords(
    externalIds: readonly ExternalIdInput[],
    jobOptions?: DelayOptions,
  ): Promise<BatchImportResult>;
  /** Import one id. */
  importRecord(externalId: ExternalIdInput, jobOptions?: DelayOptions): Promise<unknown>;
}

/**
 * `'base.batch.importer'` (usage `batch.importer`, abstract): `run(filters)` asks the adapter's
 * `search` for external ids, then imports them (upstream `BatchImporter`). See
 * `'direct.batch.importer'` and `'delayed.batch.importer'`.
 */
export const BatchImporter: ComponentDefinition<BatchImporterComponent> = defineComponent(
  { name: 'base.batch.importer', inherit: BaseImporter, usage: 'batch.importer', abstract: true },
  (Base) =>
    class extends Base {
      async run(filters?: unknown): Promise<BatchImportResult> {
        const ids = await this.backendAdapter.search(filters);
        return this.importRecords(ids);
      }

      async importRecords(
        externalIds: readonly ExternalIdInput[],
        jobOptions?: DelayOptions,
      ): Promise<BatchImportResult> {
        for (const id of externalIds) await this.importRecord(id, jobOptions);
        return { count: externalIds.length };
      }

      importRecord(_externalId: ExternalIdInput, _jobOptions?: DelayOptions): Promise<unknown> {
        return Promise.reject(new NotImplementedError(this.componentName, 'importRecord'));
      }
    },
);
