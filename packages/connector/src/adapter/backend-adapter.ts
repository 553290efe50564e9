import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { BaseConnector, type ConnectorComponent } from '../core/base-connector-component.js';

/** The instance type of {@link BackendAdapter}. */
export interface BackendAdapterComponent extends ConnectorComponent {}

/**
 * `'base.backend.adapter'` (usage `backend.adapter`, abstract): the marker of components that
 * talk to the backend. Put the API call itself in a method of a per-backend abstract adapter,
 * using the client of the backend's resources (`this.work.extra`).
 */
export const BackendAdapter: ComponentDefinition<BackendAdapterComponent> = defineComponent(
  {
    name: 'base.backend.adapter',
    inherit: BaseConnector,
    usage: 'backend.adapter',
    abstract: true,
  },
  (Base) => class extends Base {},
);
