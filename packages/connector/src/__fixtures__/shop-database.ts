import type { Addon, ComponentDefinition } from '@bindery/component';
import {
  buildAppRegistries,
  createEnv,
  type AppRegistries,
  type BinderyDatabase,
  type Env,
} from '@bindery/model';
import { createTestDatabase, migratedTemplate } from '@bindery/model/test';
import { QueueJob } from '@bindery/queue-job';
import type { Kysely } from 'kysely';
import type { Backend } from '../backend/backend.js';
import { openBackend } from '../backend/open-backend.js';
import { configureConnector } from '../connector-settings.js';
import type { FakeBackendApi } from '../test/fake-backend-api.js';
import { shopAddon, shopApi } from './shop-addon.js';

/**
 * A migrated test database with the shop connector, an env and a (not started) queue, which
 * registers itself as the app's queue (`queueFor(env)`).
 */
export interface ShopDatabase {
  readonly env: Env;
  readonly db: Kysely<BinderyDatabase>;
  readonly url: string;
  readonly registries: AppRegistries;
  readonly queue: QueueJob;
  /** Create a backend row with a fresh fake API, and open it. */
  newBackend(name?: string): Promise<{ backend: Backend; api: FakeBackendApi }>;
  drop(): Promise<void>;
}

let counter = 0;

/**
 * A fresh database cloned from the shop template, with the connector configured (the pool as
 * autonomous database unless `autonomous` is false).
 */
export async function shopDatabase(
  options: {
    readonly extra?: readonly ComponentDefinition[];
    readonly addons?: readonly Addon[];
    readonly autonomous?: boolean;
  } = {},
): Promise<ShopDatabase> {
  const registries = buildAppRegistries([shopAddon(options.extra), ...(options.addons ?? [])]);
  const database = await createTestDatabase<BinderyDatabase>({
    template: migratedTemplate(registries.addons, 'connector-shop'),
  });
  const env = createEnv({ db: database.db, registries, userId: 1 });
  const queue = new QueueJob({
    registries,
    connectionString: database.url,
    onError: () => undefined,
  });
  configureConnector(registries, options.autonomous === false ? {} : { db: database.db });
  const newBackend = async (name = 'shop') => {
    const location = `https://${name}-${process.pid}-${++counter}.example`;
    const row = await env.model('shop.backend').create({ name, location });
    return { backend: await openBackend(env, 'shop.backend', row.id), api: shopApi(location) };
  };
  return {
    env,
    db: database.db,
    url: database.url,
    registries,
    queue,
    newBackend,
    drop: () => database.drop(),
  };
}
