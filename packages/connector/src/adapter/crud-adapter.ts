import { defineComponent, type ComponentDefinition } from '@bindery/component';
import type { ExternalIdInput } from '../binding/binding-row.js';
import { NotImplementedError } from '../errors/not-implemented-error.js';
import type { MappedValues, SourceRecord } from '../mapper/mapper-types.js';
import { BackendAdapter, type BackendAdapterComponent } from './backend-adapter.js';

/**
 * The CRUD contract of a backend resource (upstream `CRUDAdapter`), typed: `TRecord` is what
 * the backend returns, `TId` its ids, `TFilters` what `search` accepts. `read`/`write` throw
 * `IDMissingInBackendError` for an id the backend does not know; network failures throw
 * `NetworkRetryableError`.
 */
export interface CrudAdapter<
  TRecord extends SourceRecord = SourceRecord,
  TId extends ExternalIdInput = ExternalIdInput,
  TFilters = unknown,
> {
  /** The ids of the records matching `filters`. */
  search(filters?: TFilters): Promise<TId[]>;
  /** One record's data. */
  read(id: TId): Promise<TRecord>;
  /** The data of the records matching `filters`. */
  searchRead(filters?: TFilters): Promise<TRecord[]>;
  /** Create a record; returns its external id (the exporter stores it). */
  create(data: MappedValues): Promise<TId>;
  /** Update a record. */
  write(id: TId, data: MappedValues): Promise<unknown>;
  /** Delete a record. */
  delete(id: TId): Promise<unknown>;
}

/** The instance type of {@link CrudAdapterComponent}. */
export interface CrudAdapterComponent extends BackendAdapterComponent, CrudAdapter {}

/**
 * `'base.backend.adapter.crud'` (usage `backend.adapter`, abstract): declares the CRUD methods,
 * each throwing `NotImplementedError` until a concrete adapter implements it.
 *
 * @example
 * ```ts
 * const ProductAdapter = defineComponent(
 *   { name: 'shop.product.adapter', inherit: ['base.shop.connector', 'base.backend.adapter.crud'],
 *     applyOn: 'shop.product.binding' },
 *   (Base) => class extends Base {
 *     override async read(id: ExternalIdInput) { return this.client.get(`/products/${id}`); }
 *   },
 * );
 * ```
 */
export const CrudAdapterComponent: ComponentDefinition<CrudAdapterComponent> = defineComponent(
  { name: 'base.backend.adapter.crud', inherit: BackendAdapter, abstract: true },
  (Base) =>
    class extends Base implements CrudAdapter {
      search(_filters?: unknown): Promise<ExternalIdInput[]> {
        return Promise.reject(new NotImplementedError(this.componentName, 'search'));
      }
      read(_id: ExternalIdInput): Promise<SourceRecord> {
        return Promise.reject(new NotImplementedError(this.componentName, 'read'));
      }
      searchRead(_filters?: unknown): Promise<SourceRecord[]> {
        return Promise.reject(new NotImplementedError(this.componentName, 'searchRead'));
      }
      create(_data: MappedValues): Promise<ExternalIdInput> {
        return Promise.reject(new NotImplementedError(this.componentName, 'create'));
      }
      write(_id: ExternalIdInput, _data: MappedValues): Promise<unknown> {
        return Promise.reject(new NotImplementedError(this.componentName, 'write'));
      }
      delete(_id: ExternalIdInput): Promise<unknown> {
        return Promise.reject(new NotImplementedError(this.componentName, 'delete'));
      }
    },
);
