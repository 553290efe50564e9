import { CompiledQuery, type Kysely } from 'kysely';
import type { Db } from 'pg-boss';

/**
 * A pg-boss database adapter over a Kysely handle (usually a transaction), so that pg-boss's
 * `send`, `insert`, `flow`, `complete`, `fail` and `update` run in the caller's transaction.
 */
export function bossDatabase(db: Kysely<unknown>): Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows };
    },
  };
}

/** How many jobs a pg-boss settle (`complete`, `fail`, `cancel`...) changed. */
export function affectedJobs(response: object): number {
  const affected = (response as { affected?: unknown }).affected;
  return typeof affected === 'number' ? affected : Number(affected ?? 0);
}
