import { randomUUID } from 'node:crypto';
import { sql, type Generated, type Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { databaseUrl } from './admin.js';
import {
  createTestDatabase,
  dropTestTemplate,
  getTestAdminUrl,
  setupTestPostgres,
  TEST_ADMIN_URL_ENV,
  TEST_RUN_ID_ENV,
  TestDatabaseError,
  useTestDatabase,
  type TestDatabase,
  type TestDatabaseTemplate,
  type TestPostgresProject,
} from './index.js';
import { templateDatabaseName } from './test-database.js';

interface ItemDatabase {
  item: { id: Generated<number>; label: string };
}

async function admin<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: getTestAdminUrl() });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  const rows = await admin('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length > 0;
}

/** Half-built templates of a key (there must never be any once a call returned). */
async function pendingBuilds(key: string): Promise<string[]> {
  const prefix = templateDatabaseName(key).replace('bindery_tpl_', 'bindery_tplb_');
  const rows = await admin<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [prefix],
  );
  return rows.map((row) => row.datname);
}

async function labels(db: Kysely<ItemDatabase>): Promise<string[]> {
  const rows = await db.selectFrom('item').select('label').orderBy('id').execute();
  return rows.map((row) => row.label);
}

/** A template with a table and a seed row, counting its builds. */
function itemTemplate(key: string, delayMs = 0): TestDatabaseTemplate & { builds: number } {
  const template = {
    key,
    builds: 0,
    async prepare(db: Kysely<unknown>): Promise<void> {
      template.builds += 1;
      await sql`CREATE TABLE item (id serial PRIMARY KEY, label text NOT NULL)`.execute(db);
      await sql`INSERT INTO item (label) VALUES ('seed')`.execute(db);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    },
  };
  return template;
}

describe('createTestDatabase', () => {
  test('creates an empty database with a Kysely over it, and drops it', async () => {
    const database = await createTestDatabase();
    expect(database.name).toMatch(/^bindery_test_[a-z0-9]+_[a-z0-9]+$/);
    expect(new URL(database.url).pathname).toBe(`/${database.name}`);
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(
      database.db,
    );
    expect(rows).toEqual([{ name: database.name }]);
    const tables = await sql`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`.execute(
      database.db,
    );
    expect(tables.rows).toEqual([]);

    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await database.drop(); // idempotent
  });

  test('drop() terminates connections that are still open', async () => {
    const database = await createTestDatabase();
    const straggler = new pg.Client({ connectionString: database.url });
    straggler.on('error', () => undefined);
    await straggler.connect();
    await straggler.query('SELECT 1');
    await sql`SELECT 1`.execute(database.db); // and an idle pooled connection

    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await expect(straggler.query('SELECT 1')).rejects.toThrow();
    await straggler.end().catch(() => undefined);
  });

  test('databases cloned from one template start equal and stay isolated', async () => {
    const template = itemTemplate(`isolation-${randomUUID()}`);
    const a = await createTestDatabase<ItemDatabase>({ template });
    const b = await createTestDatabase<ItemDatabase>({ template });
    try {
      expect(template.builds).toBe(1);
      expect(a.name).not.toBe(b.name);
      expect(await labels(a.db)).toEqual(['seed']);
      expect(await labels(b.db)).toEqual(['seed']);

      await a.db.insertInto('item').values({ label: 'only in a' }).execute();
      await b.db.deleteFrom('item').execute();
      expect(await labels(a.db)).toEqual(['seed', 'only in a']);
      expect(await labels(b.db)).toEqual([]);

      const [info] = await admin<{ datallowconn: boolean; datistemplate: boolean }>(
        'SELECT datallowconn, datistemplate FROM pg_database WHERE datname = $1',
        [templateDatabaseName(template.key)],
      );
      expect(info).toEqual({ datallowconn: false, datistemplate: true });
    } finally {
      await a.drop();
      await b.drop();
      await dropTestTemplate(template.key);
    }
    expect(await databaseExists(templateDatabaseName(template.key))).toBe(false);
  });

  test('parallel creation with one template key builds the template once', async () => {
    const template = itemTemplate(`race-${randomUUID()}`, 300);
    const databases = await Promise.all(
      Array.from({ length: 4 }, () => createTestDatabase<ItemDatabase>({ template })),
    );
    try {
      expect(template.builds).toBe(1);
      expect(new Set(databases.map((database) => database.name)).size).toBe(4);
      for (const database of databases) expect(await labels(database.db)).toEqual(['seed']);
      expect(await databaseExists(templateDatabaseName(template.key))).toBe(true);
      expect(await pendingBuilds(template.key)).toEqual([]);
    } finally {
      await Promise.all(databases.map((database) => database.drop()));
      await dropTestTemplate(template.key);
    }
  });

  test('a failing prepare leaves nothing behind; the next call builds it again', async () => {
    const key = `failing-${randomUUID()}`;
    const failing: TestDatabaseTemplate = {
      key,
      async prepare(db) {
        await sql`CREATE TABLE half (id int)`.execute(db);
        throw new Error('migration exploded');
      },
    };
    const error = await createTestDatabase({ template: failing }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TestDatabaseError);
    expect((error as TestDatabaseError).step).toBe('template');
    expect((error as TestDatabaseError).message).toContain('migration exploded');
    expect(((error as TestDatabaseError).cause as Error).message).toBe('migration exploded');
    expect(await databaseExists(templateDatabaseName(key))).toBe(false);
    expect(await pendingBuilds(key)).toEqual([]);

    const template = itemTemplate(key);
    const database = await createTestDatabase<ItemDatabase>({ template });
    try {
      expect(template.builds).toBe(1);
      expect(await labels(database.db)).toEqual(['seed']);
    } finally {
      await database.drop();
      await dropTestTemplate(key);
    }
  });

  test('connections that prepare() left open do not block cloning', async () => {
    const key = `leaky-${randomUUID()}`;
    const leaked: pg.Client[] = [];
    const template: TestDatabaseTemplate = {
      key,
      async prepare(_db, url) {
        const client = new pg.Client({ connectionString: url });
        client.on('error', () => undefined);
        await client.connect();
        await client.query('CREATE TABLE leaked (id int)');
        leaked.push(client);
      },
    };
    const database = await createTestDatabase({ template });
    try {
      const { rows } = await sql`SELECT 1 FROM leaked`.execute(database.db);
      expect(rows).toEqual([]);
    } finally {
      await database.drop();
      await dropTestTemplate(key);
      for (const client of leaked) await client.end().catch(() => undefined);
    }
  });

  test('a server refusing the connection gives a create error with the cause', async () => {
    const adminUrl = new URL(getTestAdminUrl());
    adminUrl.username = 'no_such_role_for_bindery';
    const error = await createTestDatabase({ adminUrl: adminUrl.toString() }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(TestDatabaseError.isInstance(error)).toBe(true);
    expect((error as TestDatabaseError).step).toBe('create');
    expect((error as TestDatabaseError).message).toContain('no_such_role_for_bindery');
  });
});

describe('useTestDatabase', () => {
  let usedName = '';

  describe('in a block', () => {
    const database = useTestDatabase<ItemDatabase>({
      template: itemTemplate('use-test-database-v1'),
    });

    test('gives the block a database cloned from the template', async () => {
      usedName = database().name;
      expect(await databaseExists(usedName)).toBe(true);
      expect(await labels(database().db)).toEqual(['seed']);
    });

    test('keeps it for the whole block', () => {
      expect(database().name).toBe(usedName);
    });
  });

  test('drops it after the block', async () => {
    expect(usedName).not.toBe('');
    expect(await databaseExists(usedName)).toBe(false);
  });

  const early = useTestDatabase();
  let collectionError: unknown;
  try {
    early();
  } catch (error) {
    collectionError = error;
  }

  test('the accessor throws when called at collection time', () => {
    expect(collectionError).toBeInstanceOf(TestDatabaseError);
    expect((collectionError as TestDatabaseError).step).toBe('not-ready');
    expect(early().name).toMatch(/^bindery_test_/); // inside a test it works
  });
});

describe('setupTestPostgres', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  function fakeProject(): TestPostgresProject & { provided: Map<string, unknown> } {
    const provided = new Map<string, unknown>();
    return { provided, provide: (key: string, value: unknown) => void provided.set(key, value) };
  }

  test('publishes a given server and drops the test databases its run left behind', async () => {
    // stubEnv records the current values, restored by unstubAllEnvs (setup overwrites them).
    vi.stubEnv(TEST_ADMIN_URL_ENV, process.env[TEST_ADMIN_URL_ENV]);
    vi.stubEnv(TEST_RUN_ID_ENV, process.env[TEST_RUN_ID_ENV]);
    const serverUrl = getTestAdminUrl();
    const project = fakeProject();
    const teardown = await setupTestPostgres(project, { databaseUrl: serverUrl });

    const runId = project.provided.get('binderyTestRunId');
    expect(runId).toMatch(/^[a-z0-9]{8}$/);
    expect(project.provided.get('binderyTestAdminUrl')).toBe(serverUrl);
    expect(process.env[TEST_ADMIN_URL_ENV]).toBe(serverUrl);
    expect(process.env[TEST_RUN_ID_ENV]).toBe(runId);

    const leftover = `bindery_test_${String(runId)}_crashed`;
    await admin(`CREATE DATABASE ${leftover}`);
    await teardown();
    expect(await databaseExists(leftover)).toBe(false);
    await teardown(); // idempotent
  });

  test('starts an embedded server for the run and removes it in the teardown', async () => {
    vi.stubEnv(TEST_ADMIN_URL_ENV, process.env[TEST_ADMIN_URL_ENV]);
    vi.stubEnv(TEST_RUN_ID_ENV, process.env[TEST_RUN_ID_ENV]);
    const before = process.env[TEST_ADMIN_URL_ENV];
    const project = fakeProject();
    const teardown = await setupTestPostgres(project, { databaseUrl: null });
    const url = String(project.provided.get('binderyTestAdminUrl'));
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);

    let database: TestDatabase<unknown> | undefined;
    try {
      database = await createTestDatabase({ adminUrl: url });
      expect(database.url).toBe(databaseUrl(url, database.name));
      const { rows } = await sql<{ ok: number }>`SELECT 1 AS ok`.execute(database.db);
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      await database?.drop();
      await teardown();
    }
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow();
    expect(process.env[TEST_ADMIN_URL_ENV]).toBe(before);
  });
});
