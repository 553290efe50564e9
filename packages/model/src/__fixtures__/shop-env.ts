import type { Addon } from '@bindery/component';
import type { Kysely } from 'kysely';
import { buildAppRegistries, createEnv, type AppRegistries } from '../app-registries.js';
import type { Env } from '../env.js';
import { createTestDatabase, migratedTemplate } from '../test/index.js';
import type { BinderyDatabase } from '../typed-models.js';

/** A migrated test database for some addons, with an env over it. */
export interface ShopDatabase {
  readonly env: Env;
  readonly registries: AppRegistries;
  readonly db: Kysely<BinderyDatabase>;
  drop(): Promise<void>;
}

/** A fresh database cloned from a template migrated for `addons`. */
export async function shopDatabase(key: string, addons: readonly Addon[]): Promise<ShopDatabase> {
  const registries = buildAppRegistries(addons);
  const database = await createTestDatabase<BinderyDatabase>({
    template: migratedTemplate(registries.addons, `model-${key}`),
  });
  const env = createEnv({ db: database.db, registries, userId: 1 });
  return { env, registries, db: database.db, drop: () => database.drop() };
}
