import {
  buildAppRegistries,
  createEnv,
  migrate,
  type AppRegistries,
  type BinderyDatabase,
  type Env,
} from '@bindery/model';
import { createTestDatabase } from '@bindery/model/test';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { projectAddon } from './project-addon.js';

/** A migrated database of the project app, with an env over it. */
export interface ProjectDatabase {
  readonly env: Env;
  readonly registries: AppRegistries;
  readonly db: Kysely<BinderyDatabase>;
  /** Connection URL (for LISTEN connections and extra clients). */
  readonly url: string;
  /** The database name (the channel prefix). */
  readonly name: string;
  drop(): Promise<void>;
}

const registries = buildAppRegistries([projectAddon]);

/** Changes whenever a migration's code changes, so a kept template is never stale. */
const templateKey = `web-syncer-project-${createHash('sha256')
  .update(
    registries.addons
      .flatMap((addon) =>
        (addon.migrations ?? []).map((m) => `${addon.name}/${m.name}/${m.up.toString()}`),
      )
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 16)}`;

/** A fresh database cloned from the migrated template of the project app. */
export async function projectDatabase(): Promise<ProjectDatabase> {
  const database = await createTestDatabase<BinderyDatabase>({
    template: {
      key: templateKey,
      prepare: async (db) => void (await migrate(db, registries.addons)),
    },
  });
  const env = createEnv({ db: database.db, registries, userId: 1 });
  await env.model('res.users').create({ name: 'Admin' });
  return {
    env,
    registries,
    db: database.db,
    url: database.url,
    name: database.name,
    drop: () => database.drop(),
  };
}
