import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { NothingToDoJob } from '@bindery/queue-job';
import type { BindingRow, ExternalId, ExternalIdInput } from '../binding/binding-row.js';
import { ConnectorError } from '../errors/connector-error.js';
import { IDMissingInBackendError } from '../errors/id-missing-in-backend-error.js';
import type { MapRecord } from '../mapper/map-record.js';
import type {
  MapOptions,
  MappedValues,
  MaybePromise,
  SourceRecord,
} from '../mapper/mapper-types.js';
import { isEmpty } from '../mapper/source-values.js';
import { BaseImporter } from './base-importer.js';
import type { SynchronizerComponent } from './base-synchronizer.js';
import { importMany, type ImportItem } from './bulk-import.js';
import { createRecord, updateRecord } from './import-writes.js';
import { importResult, type ImportResult, type ImportStatus } from './import-result.js';

/** Options of `importer.run`. */
export interface ImportRunOptions {
  /** Import even when the binding is up to date. */
  readonly force?: boolean;
  /** The external record, when the caller already has it (no `read` from the backend). */
  readonly data?: SourceRecord;
}

/** Options of `importDependency`. */
export interface ImportDependencyOptions {
  /** The importer to use; default the `record.importer` of the binding model. */
  readonly importer?: RecordImporterComponent;
  /** Import even when a binding exists. */
  readonly always?: boolean;
}

/** The instance type of {@link GenericImporter}. */
export interface RecordImporterComponent extends SynchronizerComponent {
  /** The external id being imported. */
  externalId: ExternalId | undefined;
  /** The external record being imported. */
  externalData: SourceRecord | undefined;
  /** The external record's last-modification field, for `isUpToDate`. */
  updatedAtField: string;
  /** Seconds before a job that found the advisory lock taken retries. */
  lockRetrySeconds: number;
  /** The advisory lock name of a record: `import(<backend model>, <backend id>, <model>, <external id>)`. */
  lockName(externalId: ExternalId): string;
  /** Import one record (the whole flow). */
  run(externalId: ExternalIdInput, options?: ImportRunOptions): Promise<ImportResult>;
  /** Import many records with the same hooks, the database work batched, in one transaction. */
  runMany(
    items: readonly ImportItem[],
    options?: Omit<ImportRunOptions, 'data'>,
  ): Promise<ImportResult[]>;
  /** Read the record from the backend (`adapter.read`). */
  getExternalData(): Promise<SourceRecord>;
  /** A reason to skip the record (returned as the result), or nothing. */
  mustSkip(): MaybePromise<string | false | null | undefined>;
  /** The binding of the record being imported, if any. */
  getBinding(): Promise<BindingRow | undefined>;
  /** True when the binding is newer than the external record (then the import is skipped unless forced). */
  isUpToDate(binding: BindingRow): MaybePromise<boolean>;
  /** Hook run once the lock is taken. */
  beforeImport(): MaybePromise<void>;
  /** Import what the record needs first (with `importDependency`). */
  importDependencies(): MaybePromise<void>;
  /** Import a related record now, in the same transaction, unless it is already bound. */
  importDependency(
    externalId: ExternalIdInput | null | undefined,
    bindingModel: string,
    options?: ImportDependencyOptions,
  ): Promise<ImportResult | undefined>;
  /** The map record of the external record. */
  mapData(): MapRecord;
  /** The values of a creation (`forCreate`). */
  createData(mapRecord: MapRecord, options?: MapOptions): Promise<MappedValues>;
  /** The values of an update (`binding` passed as an option). */
  updateData(
    mapRecord: MapRecord,
    binding: BindingRow,
    options?: MapOptions,
  ): Promise<MappedValues>;
  /** Check values before they are written; throw `InvalidDataError` to refuse them. */
  validateData(data: MappedValues): MaybePromise<void>;
  /** Create the local record, its binding and lines (with `connectorNoExport`). */
  create(data: MappedValues): Promise<BindingRow>;
  /** Write the local record, the binding and lines (with `connectorNoExport`). */
  update(binding: BindingRow, data: MappedValues): Promise<BindingRow>;
  /** Store the external id and sync date on the binding. */
  bind(binding: BindingRow): Promise<BindingRow>;
  /** Hook run after the bind, in the import's transaction. */
  afterImport(binding: BindingRow, status: ImportStatus): MaybePromise<void>;
}

/**
 * `'generic.importer'` (usage `record.importer`, abstract): imports one external record (the
 * connector-magento flow, upstream's de-facto contract): read it, `mustSkip`, find the binding,
 * skip when up to date, then in a transaction: the advisory lock `import(backend, id, model,
 * externalId)` (retry when another job holds it), `beforeImport`, `importDependencies`, map,
 * create or update (with `connectorNoExport`), `bind`, `afterImport`. Everything written rolls
 * back together on failure. Data-layer errors become `InvalidDataError`.
 */
export const GenericImporter: ComponentDefinition<RecordImporterComponent> = defineComponent(
  { name: 'generic.importer', inherit: BaseImporter, usage: 'record.importer', abstract: true },
  (Base) =>
    class extends Base {
      externalId: ExternalId | undefined = undefined;
      externalData: SourceRecord | undefined = undefined;
      updatedAtField = 'updated_at';
      lockRetrySeconds = 1;

      lockName(externalId: ExternalId): string {
        const backend = this.backendRecord;
        return `import(${backend.name}, ${String(backend.id)}, ${this.modelName}, ${externalId})`;
      }

      async run(
        externalId: ExternalIdInput,
        options: ImportRunOptions = {},
      ): Promise<ImportResult> {
        const id = this.binder.normalizeExternalId(externalId);
        this.externalId = id;
        try {
          this.externalData = options.data ?? (await this.getExternalData());
        } catch (error) {
          if (ConnectorError.isInstance(error) && error instanceof IDMissingInBackendError) {
            return importResult('missing', id);
          }
          throw error;
        }
        const skip = await this.mustSkip();
        if (typeof skip === 'string' && skip !== '')
          return importResult('skipped', id, undefined, skip);
        const found = await this.getBinding();
        if (options.force !== true && found !== undefined && (await this.isUpToDate(found))) {
          return importResult('up-to-date', id, found.id);
        }
        return this.inTransaction(async () => {
          await this.advisoryLockOrRetry(this.lockName(id), this.lockRetrySeconds);
          const binding = found ?? (await this.getBinding());
          return this.importLocked(binding);
        });
      }

      /** The locked part of the flow: dependencies, map, create or update, bind, after hook. */
      async importLocked(found: BindingRow | undefined): Promise<ImportResult> {
        const id = this.externalId as ExternalId;
        await this.beforeImport();
        await this.importDependencies();
        const mapRecord = this.mapData();
        let binding: BindingRow;
        let status: ImportStatus;
        if (found === undefined) {
          binding = await this.create(await this.createData(mapRecord));
          status = 'created';
        } else {
          binding = await this.update(found, await this.updateData(mapRecord, found));
          status = 'updated';
        }
        binding = await this.bind(binding);
        await this.afterImport(binding, status);
        return importResult(status, id, binding.id);
      }

      runMany(
        items: readonly ImportItem[],
        options: Omit<ImportRunOptions, 'data'> = {},
      ): Promise<ImportResult[]> {
        return importMany(this, items, options);
      }

      async getExternalData(): Promise<SourceRecord> {
        return this.backendAdapter.read(this.externalId as ExternalId);
      }

      mustSkip(): MaybePromise<string | false | null | undefined> {
        return undefined;
      }

      getBinding(): Promise<BindingRow | undefined> {
        return this.binder.toInternal(this.externalId as ExternalId);
      }

      /** Up to date when the external record's `updatedAtField` is older than the binding's sync date. */
      isUpToDate(binding: BindingRow): MaybePromise<boolean> {
        const updatedAt = this.externalData?.[this.updatedAtField];
        const syncDate = binding[this.binder.syncDateField];
        if (isEmpty(updatedAt) || !(syncDate instanceof Date)) return false;
        const external =
          updatedAt instanceof Date
            ? updatedAt
            : new Date(
                typeof updatedAt === 'string' || typeof updatedAt === 'number'
                  ? updatedAt
                  : Number.NaN,
              );
        return !Number.isNaN(external.getTime()) && external.getTime() < syncDate.getTime();
      }

      beforeImport(): MaybePromise<void> {
        return undefined;
      }

      importDependencies(): MaybePromise<void> {
        return undefined;
      }

      async importDependency(
        externalId: ExternalIdInput | null | undefined,
        bindingModel: string,
        options: ImportDependencyOptions = {},
      ): Promise<ImportResult | undefined> {
        if (isEmpty(externalId) || externalId === '') return undefined;
        if (
          options.always !== true &&
          (await this.binderFor(bindingModel).toInternal(externalId)) !== undefined
        ) {
          return undefined;
        }
        const importer =
          options.importer ?? this.component({ usage: 'record.importer', modelName: bindingModel });
        try {
          return await importer.run(externalId);
        } catch (error) {
          if (NothingToDoJob.isInstance(error)) return undefined;
          throw error;
        }
      }

      mapData(): MapRecord {
        return this.mapper.mapRecord(this.externalData ?? {});
      }

      createData(mapRecord: MapRecord, options: MapOptions = {}): Promise<MappedValues> {
        return mapRecord.values({ ...options, forCreate: true });
      }

      updateData(
        mapRecord: MapRecord,
        binding: BindingRow,
        options: MapOptions = {},
      ): Promise<MappedValues> {
        return mapRecord.values({ ...options, binding });
      }

      /** Check the values before they are written; throw `InvalidDataError` to refuse them. */
      validateData(_data: MappedValues): MaybePromise<void> {
        return undefined;
      }

      async create(data: MappedValues): Promise<BindingRow> {
        await this.validateData(data);
        return createRecord(this, data);
      }

      async update(binding: BindingRow, data: MappedValues): Promise<BindingRow> {
        await this.validateData(data);
        return updateRecord(this, binding, data);
      }

      bind(binding: BindingRow): Promise<BindingRow> {
        return this.binder.bind(this.externalId as ExternalId, binding);
      }

      afterImport(_binding: BindingRow, _status: ImportStatus): MaybePromise<void> {
        return undefined;
      }
    },
);
