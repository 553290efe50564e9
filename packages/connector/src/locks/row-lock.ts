import type { Env, RecordId } from '@bindery/model';
import { sql } from 'kysely';
import { ConnectorConfigError } from '../errors/connector-config-error.js';

/** SQLSTATE `lock_not_available`: what `FOR UPDATE NOWAIT` raises on a row another transaction holds. */
export const LOCK_NOT_AVAILABLE = '55P03';

/** True for a PostgreSQL `lock_not_available` error (and nothing else). */
export function isLockNotAvailable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === LOCK_NOT_AVAILABLE
  );
}

/**
 * Lock rows of `table` with `SELECT ... FOR UPDATE NOWAIT` in `env`'s transaction; throws the
 * driver's `lock_not_available` error at once when another transaction holds one of them. An
 * empty id list does nothing. `ConnectorConfigError` outside a transaction.
 */
export async function lockRowsNowait(
  env: Env,
  table: string,
  ids: readonly RecordId[],
): Promise<void> {
  if (ids.length === 0) return;
  if (!env.inTransaction) {
    throw new ConnectorConfigError(
      'transaction',
      `Locking rows of ${table} needs a transaction (run it inside env.transaction()).`,
    );
  }
  await sql`select id from ${sql.table(table)} where id = any(${ids.map(String)}::bigint[])
    for update nowait`.execute(env.db);
}
