import { defineComponent } from '@bindery/component';
import { MissingRecordError, ModelError, type RecordId, type ResolvedModel } from '@bindery/model';
import { BaseConnector } from '../core/base-connector-component.js';
import { MissingBindingError } from '../errors/missing-binding-error.js';
import { SeveralBindingsError } from '../errors/several-bindings-error.js';
import { UnwrapModelError } from '../errors/unwrap-model-error.js';
import { retryUniqueViolation } from './binding-errors.js';
import type { BindingRow, ExternalId, ExternalIdInput, LocalRecord } from './binding-row.js';
import { normalizeExternalId } from './external-id.js';

/** Options of `toInternal`. */
export interface ToInternalOptions {
  /** Return the local record instead of the binding (upstream `unwrap=True`). */
  readonly unwrap?: boolean;
}

/** Options of `toExternal`. */
export interface ToExternalOptions {
  /** The argument is the local record: find its binding for this backend first (upstream `wrap=True`). */
  readonly wrap?: boolean;
}

type Row = Readonly<Record<string, unknown>> & { readonly id: RecordId };

/**
 * `'base.binder'` (usage `binder`): links external ids and local records through the binding
 * rows of the work model, for the work context's backend (upstream `Binder`). External ids are
 * strings: numbers are stringified when stored and compared. Field names are overridable.
 */
export const BaseBinder = defineComponent(
  { name: 'base.binder', inherit: BaseConnector, usage: 'binder', abstract: true },
  (Base) =>
    class BinderComponent extends Base {
      /** The external id field of the binding model. */
      externalField = 'external_id';
      /** The backend field of the binding model. */
      backendField = 'backend_id';
      /** The local record field of the binding model (upstream `odoo_id`). */
      recordField = 'record_id';
      /** The last synchronisation date field. */
      syncDateField = 'sync_date';

      /** The binding model as resolved by the model registry. */
      get bindingModel(): ResolvedModel {
        return this.env.models.get(this.modelName);
      }

      /** The canonical string form of an external id (`InvalidExternalIdError` when not one). */
      normalizeExternalId(externalId: unknown): ExternalId {
        return normalizeExternalId(this.modelName, externalId);
      }

      /** The binding of `externalId` for this backend, or `undefined`. */
      toInternal(externalId: ExternalIdInput): Promise<BindingRow | undefined>;
      /** With `unwrap`, the local record of that binding, or `undefined`. */
      toInternal(
        externalId: ExternalIdInput,
        options: { readonly unwrap: true },
      ): Promise<LocalRecord | undefined>;
      toInternal(
        externalId: ExternalIdInput,
        options?: ToInternalOptions,
      ): Promise<BindingRow | LocalRecord | undefined>;
      async toInternal(
        externalId: ExternalIdInput,
        options: ToInternalOptions = {},
      ): Promise<BindingRow | LocalRecord | undefined> {
        const id = this.normalizeExternalId(externalId);
        const rows = await this.env.model(this.modelName).search({
          [this.backendField]: this.backendRecord.id,
          [this.externalField]: id,
        });
        const binding = this.single(rows, { externalId: id });
        if (binding === undefined || options.unwrap !== true) return binding;
        return this.unwrapBinding(binding);
      }

      /** The bindings of several external ids (one query), by canonical external id. */
      async toInternalMany(
        externalIds: readonly ExternalIdInput[],
      ): Promise<Map<ExternalId, BindingRow>> {
        const ids = [...new Set(externalIds.map((id) => this.normalizeExternalId(id)))];
        const found = new Map<ExternalId, BindingRow>();
        if (ids.length === 0) return found;
        const rows = await this.env
          .model(this.modelName)
          .search((eb) =>
            eb.and([
              eb(`record.${this.backendField}`, '=', this.backendRecord.id),
              eb(`record.${this.externalField}`, 'in', ids),
            ]),
          );
        for (const row of rows) found.set(row[this.externalField] as string, row as BindingRow);
        return found;
      }

      /** The external id of a binding (row or id), or `undefined` when it has none yet. */
      toExternal(binding: BindingRow | RecordId): Promise<ExternalId | undefined>;
      /** With `wrap`, `record` is the local record: the external id of its binding for this backend. */
      toExternal(
        record: LocalRecord | RecordId,
        options: ToExternalOptions,
      ): Promise<ExternalId | undefined>;
      async toExternal(
        target: Row | RecordId,
        options: ToExternalOptions = {},
      ): Promise<ExternalId | undefined> {
        const binding =
          options.wrap === true ? await this.bindingOf(target) : await this.readBinding(target);
        const value = binding?.[this.externalField];
        return value === null || value === undefined ? undefined : String(value as string | number);
      }

      /** The binding of a local record (row or id) for this backend, or `undefined`. */
      async bindingOf(record: Row | RecordId): Promise<BindingRow | undefined> {
        const recordId = typeof record === 'object' ? record.id : record;
        const rows = await this.env.model(this.modelName).search({
          [this.backendField]: this.backendRecord.id,
          [this.recordField]: recordId,
        });
        return this.single(rows, { recordId });
      }

      /**
       * Store `externalId` on the binding and set its sync date to now, with `connectorNoExport`
       * so listeners do not export it back. `0` is a valid external id; `null`, `undefined`, `''`
       * throw `InvalidExternalIdError`. A unique violation (another binding of this backend has
       * the id) throws the retryable `ConcurrentCreateError`.
       */
      async bind(externalId: ExternalIdInput, binding: BindingRow | RecordId): Promise<BindingRow> {
        const id = this.normalizeExternalId(externalId);
        const bindingId = typeof binding === 'object' ? binding.id : binding;
        const api = this.env.withContext({ connectorNoExport: true }).model(this.modelName);
        try {
          const [row] = await retryUniqueViolation(this.modelName, () =>
            api.write(bindingId, { [this.externalField]: id, [this.syncDateField]: new Date() }),
          );
          return row as BindingRow;
        } catch (error) {
          if (ModelError.isInstance(error) && error instanceof MissingRecordError) {
            throw new MissingBindingError(this.modelName, bindingId);
          }
          throw error;
        }
      }

      /**
       * Create a binding of this backend for a local record (or a direct binding without one),
       * with `connectorNoExport`; unique violations become `ConcurrentCreateError`.
       */
      async createBinding(
        recordId: RecordId | undefined,
        values: Readonly<Record<string, unknown>> = {},
      ): Promise<BindingRow> {
        const row: Record<string, unknown> = {
          ...values,
          [this.backendField]: this.backendRecord.id,
        };
        if (recordId !== undefined) row[this.recordField] = recordId;
        const api = this.env.withContext({ connectorNoExport: true }).model(this.modelName);
        return (await retryUniqueViolation(this.modelName, () => api.create(row))) as BindingRow;
      }

      /** The local record of a binding (row or id); `UnwrapModelError` for a direct binding. */
      async unwrapBinding(binding: BindingRow | RecordId): Promise<LocalRecord> {
        const model = this.unwrapModel();
        const row = await this.readBinding(binding);
        if (row === undefined) throw new MissingBindingError(this.modelName, bindingIdOf(binding));
        const [record] = await this.env.model(model).browse(row[this.recordField] as RecordId);
        if (record === undefined) {
          throw new MissingRecordError(model, [row[this.recordField] as RecordId]);
        }
        return record as LocalRecord;
      }

      /** The local model the bindings point to; `UnwrapModelError` when it has no such field. */
      unwrapModel(): string {
        const definition = this.bindingModel.fields.get(this.recordField);
        if (definition?.type !== 'many2one' || definition.target === undefined) {
          throw new UnwrapModelError(this.modelName, this.recordField);
        }
        return definition.target;
      }

      /** The binding row of a row or id (read when given an id), or `undefined` when it does not exist. */
      async readBinding(binding: Row | RecordId): Promise<BindingRow | undefined> {
        if (typeof binding === 'object') return binding as BindingRow;
        const [row] = await this.env.model(this.modelName).browse(binding);
        return row as BindingRow | undefined;
      }

      /** One row or none; `SeveralBindingsError` for more. */
      single(
        rows: readonly Row[],
        lookup: Readonly<Record<string, string | number>>,
      ): BindingRow | undefined {
        if (rows.length > 1) {
          throw new SeveralBindingsError(
            this.modelName,
            { ...lookup, backend: this.backendRecord.id },
            rows.map((row) => row.id),
          );
        }
        return rows[0] as BindingRow | undefined;
      }
    },
);

function bindingIdOf(binding: BindingRow | RecordId): RecordId {
  return typeof binding === 'object' ? binding.id : binding;
}
