import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import {
  createTestKysely,
  databaseExists,
  databaseUrl,
  dropDatabase,
  quoteIdent,
  withAdminClient,
} from './admin.js';
import { TestDatabaseError } from './test-database-error.js';
import { getTestAdminUrl, getTestRunId } from './test-server.js';

/**
 * How to build the template that test databases are cloned from.
 *
 * The template is built once per server and `key`, then every test database is a cheap
 * `CREATE DATABASE … TEMPLATE` copy of it. On a server that outlives the test run (`DATABASE_URL`),
 * templates are kept and reused by later runs: `key` must change whenever what `prepare` builds
 * changes (e.g. include a hash or the list of the migrations it applies).
 */
export interface TestDatabaseTemplate {
  /** Identifies the template's content; its hash names the template database. */
  readonly key: string;
  /**
   * Builds the template (migrations, fixtures). Runs once per server and key, under a lock, so that
   * parallel workers never build the same template twice. Connections opened on `url` must be
   * closed before it resolves (any left over are terminated).
   */
  prepare(db: Kysely<unknown>, url: string): Promise<void>;
}

/** Options of {@link createTestDatabase}. */
export interface CreateTestDatabaseOptions {
  /** Clone the new database from this template instead of an empty database. */
  readonly template?: TestDatabaseTemplate | undefined;
  /** Server to create it on (a superuser or `CREATEDB` role). Default: {@link getTestAdminUrl}. */
  readonly adminUrl?: string | undefined;
}

/** An isolated database for one test file, from {@link createTestDatabase}. */
export interface TestDatabase<T> {
  /** The database name (`bindery_test_<run>_<random>`). */
  readonly name: string;
  /** Connection URL of the database. */
  readonly url: string;
  /** Kysely over a pg pool on the database. */
  readonly db: Kysely<T>;
  /**
   * Closes `db`, terminates any other connections to the database and drops it. Idempotent.
   */
  drop(): Promise<void>;
}

const TEMPLATE_PREFIX = 'bindery_tpl_';
const BUILDING_PREFIX = 'bindery_tplb_';

function randomId(): string {
  return randomBytes(6).readUIntBE(0, 6).toString(36).padStart(10, '0');
}

function templateNames(key: string): { name: string; building: string; lockKey: string } {
  const hash = createHash('sha256').update(key).digest('hex');
  return {
    name: `${TEMPLATE_PREFIX}${hash.slice(0, 24)}`,
    building: `${BUILDING_PREFIX}${hash.slice(0, 24)}_`,
    // A 64-bit advisory lock key derived from the same hash.
    lockKey: BigInt.asIntN(64, BigInt(`0x${hash.slice(0, 16)}`)).toString(),
  };
}

/** The name of the template database of `key`. @internal */
export function templateDatabaseName(key: string): string {
  return templateNames(key).name;
}

/**
 * Creates an isolated, empty or template-cloned database on the test server and returns it with a
 * Kysely instance over it. Meant for one database per test file (`beforeAll` / `afterAll`, or
 * {@link useTestDatabase}).
 *
 * With a `template`, the template database is built once per server and key — race-free across
 * parallel workers and processes (a PostgreSQL advisory lock, then an existence check) and
 * published atomically (built under a temporary name, then renamed), so a crashed build never
 * leaves a half-prepared template behind — and each test database is a
 * `CREATE DATABASE … TEMPLATE` copy of it.
 *
 * @typeParam T - the database schema type of the returned Kysely instance.
 * @throws {@link TestDatabaseError} (`no-server`, `template`, `create`).
 */
export async function createTestDatabase<T = unknown>(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase<T>> {
  const adminUrl = options.adminUrl ?? getTestAdminUrl();
  const template = options.template ? await ensureTemplate(adminUrl, options.template) : undefined;
  const name = `bindery_test_${getTestRunId()}_${randomId()}`;
  try {
    await withAdminClient(adminUrl, (client) =>
      client.query(
        `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`,
      ),
    );
  } catch (cause) {
    throw new TestDatabaseError(
      'create',
      `Cannot create test database ${name}${template ? ` from template ${template}` : ''}: ${String(cause)}`,
      { database: name, cause },
    );
  }
  const url = databaseUrl(adminUrl, name);
  const db = createTestKysely<T>(url);
  let dropping: Promise<void> | undefined;
  const drop = (): Promise<void> => {
    dropping ??= (async () => {
      await db.destroy();
      try {
        await withAdminClient(adminUrl, (client) => dropDatabase(client, name));
      } catch (cause) {
        throw new TestDatabaseError('drop', `Cannot drop test database ${name}: ${String(cause)}`, {
          database: name,
          cause,
        });
      }
    })();
    return dropping;
  };
  return { name, url, db, drop };
}

/** Builds the template of `template.key` unless it exists; returns its name. */
async function ensureTemplate(adminUrl: string, template: TestDatabaseTemplate): Promise<string> {
  const { name, building, lockKey } = templateNames(template.key);
  return withAdminClient(adminUrl, async (client) => {
    if (await databaseExists(client, name)) return name;
    await client.query('SELECT pg_advisory_lock($1::bigint)', [lockKey]);
    try {
      // Whoever held the lock before may have built it meanwhile.
      if (await databaseExists(client, name)) return name;
      await dropLeftoverBuilds(client, building);
      const buildName = `${building}${randomId()}`;
      await client.query(`CREATE DATABASE ${quoteIdent(buildName)}`);
      try {
        const url = databaseUrl(adminUrl, buildName);
        const db = createTestKysely<unknown>(url);
        try {
          await template.prepare(db, url);
        } finally {
          await db.destroy();
        }
        // Nobody may connect to a template while it is cloned: forbid connections, close any
        // that prepare() left open, then publish it under its final name.
        await client.query(
          `ALTER DATABASE ${quoteIdent(buildName)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`,
        );
        await client.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [buildName],
        );
        await client.query(`ALTER DATABASE ${quoteIdent(buildName)} RENAME TO ${quoteIdent(name)}`);
      } catch (cause) {
        await dropDatabase(client, buildName, { template: true }).catch(() => undefined);
        throw new TestDatabaseError(
          'template',
          `Preparing the test template '${template.key}' failed: ${String(cause)}`,
          { database: name, cause },
        );
      }
      return name;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]).catch(() => undefined);
    }
  });
}

/** Drops half-built templates of a process that died while building (the lock is held). */
async function dropLeftoverBuilds(client: pg.Client, buildingPrefix: string): Promise<void> {
  const leftovers = await client.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [buildingPrefix],
  );
  for (const { datname } of leftovers.rows) await dropDatabase(client, datname, { template: true });
}

/**
 * Drops the template database of `key` (and any half-built copy), e.g. to force a rebuild on a
 * long-lived server. Waits for a build in progress. Databases cloned from it are not affected.
 *
 * @param options.adminUrl - the server; default {@link getTestAdminUrl}.
 */
export async function dropTestTemplate(
  key: string,
  options: { readonly adminUrl?: string | undefined } = {},
): Promise<void> {
  const { name, building, lockKey } = templateNames(key);
  await withAdminClient(options.adminUrl ?? getTestAdminUrl(), async (client) => {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [lockKey]);
    try {
      await dropLeftoverBuilds(client, building);
      await dropDatabase(client, name, { template: true });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]).catch(() => undefined);
    }
  });
}

/**
 * Drops the test databases of a test run that are still there (a worker that crashed before its
 * `drop()`). @internal
 */
export async function dropRunDatabases(adminUrl: string, runId: string): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    const leftovers = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [`bindery_test_${runId}_`],
    );
    for (const { datname } of leftovers.rows) await dropDatabase(client, datname);
  });
}
