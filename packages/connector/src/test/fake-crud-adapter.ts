import { defineComponent, type ComponentDefinition, type ParentRef } from '@bindery/component';
import type { CrudAdapterComponent } from '../adapter/crud-adapter.js';
import { CrudAdapterComponent as CrudAdapter } from '../adapter/crud-adapter.js';
import type { ExternalIdInput } from '../binding/binding-row.js';
import { ConnectorConfigError } from '../errors/connector-config-error.js';
import type { MappedValues, SourceRecord } from '../mapper/mapper-types.js';
import { FakeBackendApi, type FakeSearchFilters } from './fake-backend-api.js';

/** Options of {@link fakeCrudAdapter}. */
export interface FakeCrudAdapterOptions {
  /** The component name. */
  readonly name: string;
  /** The fake's resource, e.g. `'products'`. */
  readonly resource: string;
  /** Binding model(s) it applies to. */
  readonly applyOn: string | readonly string[];
  /** The backend model (components' collection). */
  readonly collection?: string;
  /** Extra parents (e.g. the connector's base component). */
  readonly inherit?: readonly ParentRef[];
  /** The key of the `FakeBackendApi` in the backend's resources. @defaultValue 'api' */
  readonly resourceKey?: string;
}

/**
 * A concrete CRUD adapter over a {@link FakeBackendApi} found in the backend's resources
 * (`defineBackend({ resources: () => ({ api }) })`).
 */
export function fakeCrudAdapter(
  options: FakeCrudAdapterOptions,
): ComponentDefinition<CrudAdapterComponent> {
  const key = options.resourceKey ?? 'api';
  const { resource } = options;
  return defineComponent(
    {
      name: options.name,
      inherit: [...(options.inherit ?? []), CrudAdapter],
      applyOn: options.applyOn,
      ...(options.collection === undefined ? {} : { collection: options.collection }),
    },
    (Base) =>
      class extends Base {
        get api(): FakeBackendApi {
          const api = (this.work.extra as Record<string, unknown>)[key];
          if (!(api instanceof FakeBackendApi)) {
            throw new ConnectorConfigError(
              'binding-model',
              `No FakeBackendApi under '${key}' in the backend's resources.`,
            );
          }
          return api;
        }
        override search(filters?: unknown): Promise<ExternalIdInput[]> {
          return this.api.search(resource, filters as FakeSearchFilters | undefined);
        }
        override read(id: ExternalIdInput): Promise<SourceRecord> {
          return this.api.read(resource, String(id));
        }
        override searchRead(filters?: unknown): Promise<SourceRecord[]> {
          return this.api.searchRead(resource, filters as FakeSearchFilters | undefined);
        }
        override create(data: MappedValues): Promise<ExternalIdInput> {
          return this.api.create(resource, data);
        }
        override write(id: ExternalIdInput, data: MappedValues): Promise<unknown> {
          return this.api.write(resource, String(id), data);
        }
        override delete(id: ExternalIdInput): Promise<unknown> {
          return this.api.delete(resource, String(id));
        }
      },
  ) as ComponentDefinition<CrudAdapterComponent>;
}
