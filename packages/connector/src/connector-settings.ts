import type { ComponentRegistry } from '@bindery/component';
import type { BinderyDatabase, Env } from '@bindery/model';
import type { Kysely } from 'kysely';

/**
 * The services of an app the connector's components use at run time. The job queue is not one
 * of them: components enqueue through the `QueueJob` constructed with the app's registries
 * (`queueFor(env)` of `@bindery/queue-job`).
 */
export interface ConnectorSettings {
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
 * Give the connector the app's database, once at start-up, for the component registry of the
 * app (`registries` from `buildAppRegistries`, or the registry itself). Calling it again
 * replaces the settings. The database is what the exporter journals new external ids through
 * (see {@link ConnectorSettings.db}); the queue needs no configuration here.
 *
 * @example
 * ```ts
 * const registries = buildAppRegistries([shopConnectorAddon]);
 * const queue = new QueueJob({ registries, connectionString: url }); // found by components
 * configureConnector(registries, { db });
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
