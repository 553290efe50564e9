import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

/** Quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The URL of database `name` on the server of `serverUrl` (same credentials and parameters). */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Runs `fn` with a dedicated connection to the server's admin database, closed afterwards. */
export async function withAdminClient<R>(
  adminUrl: string,
  fn: (client: pg.Client) => Promise<R>,
): Promise<R> {
  const client = new pg.Client({ connectionString: adminUrl });
  // Errors of an open connection (e.g. the server going away) surface in the running query.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** True when database `name` exists. */
export async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return (result.rowCount ?? 0) > 0;
}

/**
 * Drops a database if it exists, closing its remaining connections first (PostgreSQL ≥ 13). A
 * template database loses its template flag first (templates cannot be dropped).
 */
export async function dropDatabase(
  client: pg.Client,
  name: string,
  options: { readonly template?: boolean } = {},
): Promise<void> {
  if (options.template && (await databaseExists(client, name))) {
    await client.query(`ALTER DATABASE ${quoteIdent(name)} IS_TEMPLATE false`);
  }
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/**
 * A Kysely instance over a pg pool on a test database's `url`, safe against the database being
 * dropped while the pool still holds (or is closing) connections.
 */
export function createTestKysely<T = unknown>(
  url: string,
  options: { readonly max?: number } = {},
): Kysely<T> {
  const pool = new pg.Pool({ connectionString: url, max: options.max });
  // An idle pooled connection that the server closes (e.g. when a test drops its database) is
  // discarded by the pool; without a listener, its error event would crash the worker.
  pool.on('error', () => undefined);
  return new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
}
