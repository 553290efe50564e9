import { defineComponent, type ComponentDefinition } from '@bindery/component';
import { EventListener, skipIf, type SkipIfDecorator } from '@bindery/component-event';
import { BaseConnector, type ConnectorComponent } from '../core/base-connector-component.js';

/** The instance type of {@link ConnectorListener}. */
export interface ConnectorListenerComponent extends ConnectorComponent {
  /**
   * The no-export flag of the env the event was fired in: `connectorNoExport` (or its legacy
   * name `noConnectorExport`), as given (truthy when the connector made the write itself).
   */
  noConnectorExport(): boolean | undefined;
}

/**
 * `'base.connector.listener'` (abstract): the base of connector listeners (upstream
 * `ConnectorListener`), inheriting `'base.event.listener'`. Skip exports of the connector's own
 * writes with {@link skipIfNoExport}.
 */
export const ConnectorListener: ComponentDefinition<ConnectorListenerComponent> = defineComponent(
  { name: 'base.connector.listener', inherit: [BaseConnector, EventListener], abstract: true },
  (Base) =>
    class extends Base {
      noConnectorExport(): boolean | undefined {
        const context = this.env.context;
        return context.connectorNoExport ?? context.noConnectorExport;
      }
    },
);

/**
 * Decorator for listener methods: skip the call when the write comes from the connector itself
 * (`connectorNoExport` set on the env), so imports are not exported straight back.
 *
 * @example
 * ```ts
 * @skipIfNoExport
 * async onRecordWrite(record: EventRecord, info: RecordChangeInfo) { ... }
 * ```
 */
export const skipIfNoExport: SkipIfDecorator<ConnectorListenerComponent, unknown[]> = skipIf(
  function (this: ConnectorListenerComponent) {
    return this.noConnectorExport();
  },
);
