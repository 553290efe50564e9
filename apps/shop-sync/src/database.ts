import type { BinderyDatabase } from '@bindery/model';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

/**
 * Kysely over a pg pool on `url`. An idle pooled connection that the server closes (restart,
 * admin shutdown, a dropped test database) is discarded by the pool; the listener keeps its
 * error event from crashing the process, as pg's documentation advises.
 */
export function openDatabase<TDatabase = BinderyDatabase>(url: string, max = 2): Kysely<TDatabase> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (error) => {
    console.warn(`postgres: idle connection closed (${error.message})`);
  });
  return new Kysely<TDatabase>({ dialect: new PostgresDialect({ pool }) });
}
