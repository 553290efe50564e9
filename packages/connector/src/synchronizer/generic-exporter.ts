import { defineComponent, type ComponentDefinition } from '@bindery/component';
import type { RecordId } from '@bindery/model';
import type { BindingRow, ExternalId, ExternalIdInput } from '../binding/binding-row.js';
import { ConnectorError } from '../errors/connector-error.js';
import { IDMissingInBackendError } from '../errors/id-missing-in-backend-error.js';
import { MissingBindingError } from '../errors/missing-binding-error.js';
import { RecordLockedError } from '../errors/record-locked-error.js';
import {
  clearJournal,
  isJournalled,
  journalExternalId,
  recoverExternalId,
  type JournalKey,
} from '../journal/export-journal.js';
import { isLockNotAvailable, lockRowsNowait } from '../locks/row-lock.js';
import type { MapRecord } from '../mapper/map-record.js';
import type { MappedValues, MaybePromise, SourceRecord } from '../mapper/mapper-types.js';
import { BaseExporter } from './base-exporter.js';
import type { SynchronizerComponent } from './base-synchronizer.js';
import {
  exportDependency,
  type ExportDependencyOptions,
  type RelatedRecord,
} from './export-dependency.js';
import { exportResult, type ExportResult } from './export-result.js';
import { delayImportRecord } from './exporter-import.js';

/** Options of `exporter.run`. */
export interface ExportRunOptions {
  /** Only these fields changed: updates send the mappings they trigger (creations send everything). */
  readonly fields?: readonly string[];
}

/** The instance type of {@link GenericExporter}. */
export interface RecordExporterComponent extends SynchronizerComponent {
  /** The binding being exported. */
  binding: BindingRow | undefined;
  /** Its external id (set once created). */
  externalId: ExternalId | undefined;
  /** True when the external id was journalled or recovered (cleared once bound). */
  journalled: boolean;
  /** Export a binding (the whole flow). */
  run(binding: BindingRow | RecordId, options?: ExportRunOptions): Promise<ExportResult>;
  /** Skip check, dependencies, then the locked part: map, create or update, bind. */
  runExport(fields: readonly string[] | undefined): Promise<ExportResult>;
  /** True to re-import the record first (the backend's version is newer). */
  shouldImport(): MaybePromise<boolean>;
  /** Enqueue a forced import of the record. */
  delayImport(): Promise<void>;
  /** True to skip the export (nothing is bound). */
  hasToSkip(): MaybePromise<boolean>;
  /** Export what the record needs first (with `exportDependency`). */
  exportDependencies(): MaybePromise<void>;
  /** Make sure a related record exists in the backend (see `exportDependency`). */
  exportDependency(
    relation: RelatedRecord | null | undefined,
    bindingModel: string,
    options?: ExportDependencyOptions,
  ): Promise<void>;
  /** Lock the binding row (`FOR UPDATE NOWAIT`) or throw `RecordLockedError`. */
  lock(): Promise<void>;
  /** What the mapper reads: the local record merged with the binding. */
  exportSource(): Promise<SourceRecord>;
  /** The map record of the export source. */
  mapData(): Promise<MapRecord>;
  /** The payload of a creation (`forCreate`). */
  createData(mapRecord: MapRecord, fields: readonly string[] | undefined): Promise<MappedValues>;
  /** The payload of an update (only what `fields` triggers when given). */
  updateData(mapRecord: MapRecord, fields: readonly string[] | undefined): Promise<MappedValues>;
  /** Check a creation payload; throw `InvalidDataError` to refuse it. */
  validateCreateData(data: MappedValues): MaybePromise<void>;
  /** Check an update payload; throw `InvalidDataError` to refuse it. */
  validateUpdateData(data: MappedValues): MaybePromise<void>;
  /** Create the record in the backend; returns its external id. */
  create(data: MappedValues): Promise<ExternalIdInput>;
  /** Write the record in the backend. */
  update(data: MappedValues): Promise<unknown>;
  /** Hook run after the export committed its external id. */
  afterExport(result: ExportResult): MaybePromise<void>;
  /** The export journal key of the binding. */
  journalKey(): JournalKey;
}

/**
 * `'generic.exporter'` (usage `record.exporter`, abstract): exports one binding (upstream
 * `GenericExporter`): find its external id, optionally re-import first (`shouldImport`), skip
 * (`hasToSkip`), export dependencies (each in its own transaction), then in a transaction: lock
 * the binding row (`FOR UPDATE NOWAIT`; a concurrent export throws the retryable
 * `RecordLockedError`), map, create or update in the backend, and bind the external id, which
 * commits with it, before `afterExport` runs. Inside an enclosing transaction with a configured
 * database, a new external id is also journalled at once, so a rollback never loses it.
 */
export const GenericExporter: ComponentDefinition<RecordExporterComponent> = defineComponent(
  { name: 'generic.exporter', inherit: BaseExporter, usage: 'record.exporter', abstract: true },
  (Base) =>
    class extends Base {
      binding: BindingRow | undefined = undefined;
      externalId: ExternalId | undefined = undefined;
      journalled = false;

      /** Export a binding (a row or an id; it is read afresh either way). */
      async run(
        binding: BindingRow | RecordId,
        options: ExportRunOptions = {},
      ): Promise<ExportResult> {
        const id = typeof binding === 'object' ? binding.id : binding;
        const row = await this.binder.readBinding(id);
        if (row === undefined) throw new MissingBindingError(this.modelName, id);
        this.binding = row;
        this.externalId = await this.binder.toExternal(row);
        if (this.externalId === undefined && isJournalled(this.env)) {
          this.externalId = await recoverExternalId(this.env, this.journalKey());
          this.journalled = this.externalId !== undefined;
        }
        let shouldImport = false;
        try {
          shouldImport = await this.shouldImport();
        } catch (error) {
          if (!(ConnectorError.isInstance(error) && error instanceof IDMissingInBackendError))
            throw error;
          this.externalId = undefined;
        }
        if (shouldImport) await this.delayImport();
        const result = await this.runExport(options.fields);
        await this.afterExport(result);
        return result;
      }

      async runExport(fields: readonly string[] | undefined): Promise<ExportResult> {
        const binding = this.binding as BindingRow;
        const selected = this.externalId === undefined ? undefined : fields;
        if (await this.hasToSkip()) return exportResult('skipped', binding.id, this.externalId);
        await this.exportDependencies();
        return this.inTransaction(async () => {
          await this.lock();
          const mapRecord = await this.mapData();
          let status: 'created' | 'updated' | 'nothing-to-export' = 'nothing-to-export';
          if (this.externalId !== undefined) {
            const data = await this.updateData(mapRecord, selected);
            if (Object.keys(data).length > 0) {
              await this.update(data);
              status = 'updated';
            }
          } else {
            const data = await this.createData(mapRecord, selected);
            if (Object.keys(data).length === 0)
              return exportResult('nothing-to-export', binding.id);
            this.externalId = this.binder.normalizeExternalId(await this.create(data));
            status = 'created';
            // inside an enclosing transaction, which may still roll back after this creation
            if (this.work.env.inTransaction && isJournalled(this.env)) {
              await journalExternalId(this.env, this.journalKey(), this.externalId);
              this.journalled = true;
            }
          }
          this.binding = await this.binder.bind(this.externalId, binding);
          if (this.journalled) await clearJournal(this.env, this.journalKey());
          return exportResult(status, binding.id, this.externalId);
        });
      }

      shouldImport(): MaybePromise<boolean> {
        return false;
      }

      delayImport(): Promise<void> {
        return delayImportRecord(this);
      }

      hasToSkip(): MaybePromise<boolean> {
        return false;
      }

      /** Export what the record needs first, with `exportDependency`; each commits on its own. */
      exportDependencies(): MaybePromise<void> {
        return undefined;
      }

      exportDependency(
        relation: RelatedRecord | null | undefined,
        bindingModel: string,
        options: ExportDependencyOptions = {},
      ): Promise<void> {
        return exportDependency(this, relation, bindingModel, options);
      }

      /** Lock the binding row (`FOR UPDATE NOWAIT`) or throw the retryable `RecordLockedError`. */
      async lock(): Promise<void> {
        const id = (this.binding as BindingRow).id;
        try {
          await lockRowsNowait(this.env, this.binder.bindingModel.table, [id]);
        } catch (error) {
          if (isLockNotAvailable(error)) {
            throw new RecordLockedError({
              model: this.modelName,
              ids: [id],
              during: 'export',
              cause: error,
            });
          }
          throw error;
        }
      }

      /** The record the mapper reads: the local record merged with its binding (`id` is the binding's). */
      async exportSource(): Promise<SourceRecord> {
        const binding = await this.binder.readBinding((this.binding as BindingRow).id);
        if (binding === undefined)
          throw new MissingBindingError(this.modelName, (this.binding as BindingRow).id);
        if (!this.binder.bindingModel.fields.has(this.binder.recordField)) return binding;
        const local = await this.binder.unwrapBinding(binding);
        return { ...local, ...binding };
      }

      async mapData(): Promise<MapRecord> {
        return this.mapper.mapRecord(await this.exportSource());
      }

      createData(
        mapRecord: MapRecord,
        fields: readonly string[] | undefined,
      ): Promise<MappedValues> {
        return mapRecord.values(
          fields === undefined ? { forCreate: true } : { forCreate: true, fields },
        );
      }

      updateData(
        mapRecord: MapRecord,
        fields: readonly string[] | undefined,
      ): Promise<MappedValues> {
        return mapRecord.values(fields === undefined ? {} : { fields });
      }

      /** Check the payload of a creation; throw `InvalidDataError` to refuse it. */
      validateCreateData(_data: MappedValues): MaybePromise<void> {
        return undefined;
      }

      /** Check the payload of an update; throw `InvalidDataError` to refuse it. */
      validateUpdateData(_data: MappedValues): MaybePromise<void> {
        return undefined;
      }

      /** Create the record in the backend; returns its external id. */
      async create(data: MappedValues): Promise<ExternalIdInput> {
        await this.validateCreateData(data);
        return this.backendAdapter.create(data);
      }

      async update(data: MappedValues): Promise<unknown> {
        await this.validateUpdateData(data);
        return this.backendAdapter.write(this.externalId as ExternalId, data);
      }

      afterExport(_result: ExportResult): MaybePromise<void> {
        return undefined;
      }

      journalKey(): JournalKey {
        const binding = this.binding as BindingRow;
        const recordKey = (binding[this.binder.recordField] ?? binding.id) as RecordId;
        return { bindingModel: this.modelName, backendId: this.backendRecord.id, recordKey };
      }
    },
);
