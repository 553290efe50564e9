import type { Backend } from './backend.js';

const marker = Symbol.for('@bindery/connector.backend-definition');

/** Builds the per-backend resources (an API client...) once per opened {@link Backend}. */
export type BackendResourcesFactory<TResources extends object> = (backend: Backend) => TResources;

/** A backend model and how to build its resources; list it in an addon's `backends`. */
export interface BackendDefinition<TResources extends object = object> {
  /** @internal */
  readonly [marker]: true;
  /** The backend model name, e.g. `'shop.backend'`: also the components' `collection`. */
  readonly model: string;
  /** Builds the resources every work context of the backend carries in `extra`. */
  readonly resources: BackendResourcesFactory<TResources> | undefined;
}

/** Options of {@link defineBackend}. */
export interface BackendDefinitionOptions<TResources extends object> {
  /** The backend model name (a model of an addon, see `defineBackendModel`). */
  readonly model: string;
  /**
   * Builds the resources of a backend (an API client from its location and credentials). Called
   * at most once per opened backend, on first use; they are handed to components as the work
   * context's `extra` (upstream: a `work_on` override that builds the client once).
   */
  readonly resources?: BackendResourcesFactory<TResources>;
}

/**
 * Declare a backend: its model and per-backend resources. List it in the `backends` of the
 * connector's addon.
 *
 * @example
 * ```ts
 * export const ShopBackend = defineBackend({
 *   model: 'shop.backend',
 *   resources: (backend) => ({ client: new ShopClient(String(backend.record['location'])) }),
 * });
 * ```
 */
export function defineBackend<TResources extends object = Record<never, never>>(
  options: BackendDefinitionOptions<TResources>,
): BackendDefinition<TResources> {
  return Object.freeze({
    [marker]: true as const,
    model: options.model,
    resources: options.resources,
  });
}

/** True for values made by {@link defineBackend}. */
export function isBackendDefinition(value: unknown): value is BackendDefinition {
  return typeof value === 'object' && value !== null && marker in value;
}
