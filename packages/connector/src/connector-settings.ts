import type { ComponentRegistry } from '@bindery/component';
import type { BinderyDatabase, Env } from '@bindery/model';
import type { JobEnqueuer } from '@bindery/queue-job';
import type { Kysely } from 'kysely';
import { ConnectorConfigError } from './errors/connector-config-error.js';

/** What the connector enqueues jobs with: a `QueueJob` of `@bindery/queue-job`, or a test double. */
export interface ConnectorQueue {
  /** An enqueuer bound to `env`'s transaction. */
  for(env: Env): JobEnqueuer;
}

/** The services of an app the connector's components use at run time. */
export interface ConnectorSettings {
  /** Listeners, the delayed batch importer and the exporter enqueue jobs through it. */
  readonly queue?: ConnectorQueue;
  /**
   * A Kysely over the app's pool (not a transaction). The exporter writes, through it, the
   * external id of a record it just created in the backend, in a transaction of its own that
   * commits at once: when the job's transaction later rolls back, the retry finds the id and
   * updates the remote record instead of creating it twice. Without it, the id is kept only if
   * the surrounding transaction commits.
   */
  readonly db?: Kysely<BinderyDatabase>;
}

declare module '@bindery/model' {
  interface EnvContext {
    /**
     * Set on the writes the connector makes itself (imports, `bind`, dependency bindings) so
     * that listeners do not export them straight back (upstream `connector_no_export`).
     */
    readonly connectorNoExport?: boolean;
    /** Legacy name of {@link EnvContext.connectorNoExport}, honoured too. */
    readonly noConnectorExport?: boolean;
  }
}

const byRegistry = new WeakMap<ComponentRegistry, ConnectorSettings>();

/**
 * Give the connector the app's queue and database, once at start-up, for the component
 * registry of the app (`registries` from `buildAppRegistries`, or the registry itself). Calling
 * it again replaces the settings.
 *
 * @example
 * ```ts
 * const registries = buildAppRegistries([shopConnectorAddon]);
 * const queue = new QueueJob({ registries, connectionString: url });
 * configureConnector(registries, { queue, db });
 * ```
 */
export function configureConnector(
  target: ComponentRegistry | { readonly components: ComponentRegistry },
  settings: ConnectorSettings,
): void {
  const registry = 'components' in target ? target.components : target;
  byRegistry.set(registry, Object.freeze({ ...settings }));
}

/** The settings given to {@link configureConnector} for `env`'s registry (empty when none). */
export function connectorSettings(env: Env): ConnectorSettings {
  return byRegistry.get(env.components) ?? {};
}

/** The queue of `env`'s app; `ConnectorConfigError` when {@link configureConnector} gave none. */
export function connectorQueue(env: Env): ConnectorQueue {
  const queue = connectorSettings(env).queue;
  if (queue === undefined) {
    throw new ConnectorConfigError(
      'queue',
      'No job queue for this app: call configureConnector(registries, { queue }) at start-up.',
    );
  }
  return queue;
}
