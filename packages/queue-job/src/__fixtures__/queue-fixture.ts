import {
  buildAppRegistries,
  createEnv,
  migrate,
  type AppRegistries,
  type BinderyDatabase,
  type Env,
} from '@bindery/model';
import { createTestDatabase, type TestDatabase } from '@bindery/model/test';
import type { Addon } from '@bindery/component';
import type { Kysely } from 'kysely';
import { PgBoss } from 'pg-boss';
import { QueueJob } from '../queue-job.js';
import type { QueueJobOptions } from '../queue-job-options.js';
import { testJobsAddon } from './test-jobs.js';

/** A test database with the package's tables, the test tables and pg-boss's schema. */
export async function createQueueDatabase(
  addons: readonly Addon[] = [testJobsAddon],
): Promise<TestDatabase<unknown>> {
  const registries = buildAppRegistries(addons);
  const key = `queue-job:v2:${registries.addons.flatMap((a) => (a.migrations ?? []).map((m) => `${a.name}/${m.name}`)).join(',')}`;
  return createTestDatabase<unknown>({
    template: {
      key,
      prepare: async (db, url) => {
        await migrate(db, registries.addons);
        const boss = new PgBoss({
          connectionString: url,
          supervise: false,
          schedule: false,
          max: 2,
        });
        await boss.start();
        await boss.stop({ graceful: false, close: true });
      },
    },
  });
}

/** Everything a queue test needs. */
export interface QueueFixture {
  readonly database: TestDatabase<unknown>;
  readonly registries: AppRegistries;
  readonly queue: QueueJob;
  readonly env: Env;
  readonly db: Kysely<unknown>;
  close(): Promise<void>;
}

/** A started queue over a fresh test database; `env` runs as user 1, company 7. */
export async function createQueueFixture(
  options: Partial<Omit<QueueJobOptions, 'registries' | 'connectionString'>> = {},
  addons: readonly Addon[] = [testJobsAddon],
): Promise<QueueFixture> {
  const database = await createQueueDatabase(addons);
  const registries = buildAppRegistries(addons);
  const queue = new QueueJob({
    registries,
    connectionString: database.url,
    channels: 'root:4',
    poolSize: 4,
    onError: () => undefined,
    ...options,
  });
  await queue.start();
  const env = createEnv({
    db: database.db as Kysely<BinderyDatabase>,
    registries,
    userId: 1,
    companyId: 7,
    context: { lang: 'fr_FR' },
  });
  return {
    database,
    registries,
    queue,
    env,
    db: database.db,
    close: async () => {
      await queue.stop();
      await database.drop();
    },
  };
}
