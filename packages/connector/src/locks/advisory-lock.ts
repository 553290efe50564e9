import type { Env } from '@bindery/model';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { ConnectorConfigError } from '../errors/connector-config-error.js';

/**
 * The advisory lock key of a lock name: the first 8 bytes of its SHA-1 (UTF-8), read as a signed
 * little-endian 64-bit integer — the key upstream's Python workers compute on x86, so both can
 * guard the same records.
 */
export function advisoryLockKey(lock: string): bigint {
  return createHash('sha1').update(lock, 'utf8').digest().readBigInt64LE(0);
}

/**
 * Try to take the transaction-level advisory lock of `lock` (`pg_try_advisory_xact_lock`): true
 * when taken (or already held by this transaction: it is re-entrant), false at once when another
 * transaction holds it. Released at commit or rollback, never explicitly. `env` must be in a
 * transaction (`ConnectorConfigError` otherwise: the lock would be released at once).
 */
export async function pgTryAdvisoryLock(env: Env, lock: string): Promise<boolean> {
  if (!env.inTransaction) {
    throw new ConnectorConfigError(
      'transaction',
      `The advisory lock '${lock}' needs a transaction (run it inside env.transaction()).`,
    );
  }
  const key = advisoryLockKey(lock).toString();
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(${key}::bigint) as locked`.execute(env.db);
  return rows[0]?.locked === true;
}

/**
 * Try to take several advisory locks in one statement; returns the names that could not be
 * taken (empty when all were). Same rules as {@link pgTryAdvisoryLock}.
 */
export async function pgTryAdvisoryLocks(env: Env, locks: readonly string[]): Promise<string[]> {
  if (locks.length === 0) return [];
  if (!env.inTransaction) {
    throw new ConnectorConfigError(
      'transaction',
      'Advisory locks need a transaction (run them inside env.transaction()).',
    );
  }
  const keys = locks.map((lock) => advisoryLockKey(lock).toString());
  const { rows } = await sql<{ ord: string; locked: boolean }>`
    select k.ord, pg_try_advisory_xact_lock(k.key) as locked
    from unnest(${keys}::bigint[]) with ordinality as k(key, ord) order by k.ord`.execute(env.db);
  return rows.filter((row) => !row.locked).map((row) => locks[Number(row.ord) - 1] as string);
}
