import { defineComponent, type ComponentDefinition, type WorkContext } from '@bindery/component';
import type { CrudAdapterComponent } from '../adapter/crud-adapter.js';
import { BaseConnector, type ConnectorComponent } from '../core/base-connector-component.js';
import type { MapperComponent } from '../mapper/base-mapper.js';
import type { BinderComponent } from '../typed-components.js';

/** The instance type of {@link Synchronizer}. */
export interface SynchronizerComponent extends ConnectorComponent {
  /** Usage of the mapper (`'import.mapper'`, `'export.mapper'`). */
  mapperUsage: string;
  /** Usage of the backend adapter. */
  adapterUsage: string;
  /** Components looked up once per work context in effect. */
  readonly lookupCache: WeakMap<WorkContext, Map<string, unknown>>;
  /** The mapper of the work model (looked up once per context). */
  readonly mapper: MapperComponent;
  /** The binder of the work model (looked up once per context). */
  readonly binder: BinderComponent;
  /** The backend adapter of the work model (looked up once per context). */
  readonly backendAdapter: CrudAdapterComponent;
}

/**
 * `'base.synchronizer'` (abstract): the base of importers, exporters and deleters (upstream
 * `Synchronizer`), with its mapper, binder and backend adapter looked up lazily, once per work
 * context in effect (inside `inTransaction` they are bound to the transaction).
 */
export const Synchronizer: ComponentDefinition<SynchronizerComponent> = defineComponent(
  { name: 'base.synchronizer', inherit: BaseConnector, abstract: true },
  (Base) =>
    class extends Base {
      mapperUsage = 'mapper';
      adapterUsage = 'backend.adapter';
      readonly lookupCache = new WeakMap<WorkContext, Map<string, unknown>>();

      get mapper(): MapperComponent {
        return this.cached(`usage:${this.mapperUsage}`, () =>
          this.component({ usage: this.mapperUsage }),
        ) as MapperComponent;
      }

      get binder(): BinderComponent {
        return this.cached('binder', () => this.binderFor());
      }

      get backendAdapter(): CrudAdapterComponent {
        return this.cached(`usage:${this.adapterUsage}`, () =>
          this.component({ usage: this.adapterUsage }),
        ) as CrudAdapterComponent;
      }

      /** `create()` once per work context in effect and key. */
      cached<TValue>(key: string, create: () => TValue): TValue {
        let map = this.lookupCache.get(this.activeWork);
        if (map === undefined) {
          map = new Map();
          this.lookupCache.set(this.activeWork, map);
        }
        if (!map.has(key)) map.set(key, create());
        return map.get(key) as TValue;
      }
    },
);
