import {
  buildRegistry,
  type Addon,
  type ComponentRegistry,
  type ComponentRegistryOptions,
} from '@bindery/component';
import type { Kysely } from 'kysely';
import { Env } from './env.js';
import type { CompanyId, EnvContext, UserId } from './env-context.js';
import { modelAddon } from './model-addon.js';
import { ModelRegistry } from './model-registry.js';
import type { BinderyDatabase } from './typed-models.js';

/** Components and models of an app, built from one list of addons. */
export interface AppRegistries {
  readonly components: ComponentRegistry;
  readonly models: ModelRegistry;
  /** The addons in dependency order (for `migrate`). */
  readonly addons: readonly Addon[];
}

/**
 * Build the component registry and the model registry of an app from its addons (their
 * dependencies, the `model` addon and its own dependencies are included).
 */
export function buildAppRegistries(
  addons: readonly Addon[],
  options: ComponentRegistryOptions = {},
): AppRegistries {
  const components = buildRegistry([modelAddon, ...addons], options);
  return { components, models: ModelRegistry.build(components.addons), addons: components.addons };
}

/** Options of {@link createEnv}. */
export interface CreateEnvOptions {
  readonly db: Kysely<BinderyDatabase>;
  readonly registries: AppRegistries;
  readonly userId?: UserId;
  readonly companyId?: CompanyId;
  readonly context?: EnvContext;
}

/** An env over `db` for an app's registries. */
export function createEnv(options: CreateEnvOptions): Env {
  const { db, registries, userId, companyId, context } = options;
  return new Env({
    db,
    models: registries.models,
    components: registries.components,
    userId,
    companyId,
    context,
  });
}
