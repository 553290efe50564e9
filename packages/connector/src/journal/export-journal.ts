import type { Env, RecordId } from '@bindery/model';
import { sql, type Kysely } from 'kysely';
import { connectorSettings } from '../connector-settings.js';

/** The table of the export journal (created by the connector addon's migrations). */
export const EXPORT_JOURNAL_TABLE = 'connector_export_journal';

/** Which binding a journal entry is about: its model, backend and local record (or binding) id. */
export interface JournalKey {
  readonly bindingModel: string;
  readonly backendId: RecordId;
  /** The binding's local record id, or the binding's id for a direct binding. */
  readonly recordKey: RecordId;
}

/** True when exports keep a journal: a database is configured (`configureConnector({ db })`). */
export function isJournalled(env: Env): boolean {
  return connectorSettings(env).db !== undefined;
}

/**
 * Record the external id of a record just created in the backend, in a transaction of its own
 * that commits at once (through the configured database), so that it survives a rollback of
 * the export's transaction.
 */
export async function journalExternalId(
  env: Env,
  key: JournalKey,
  externalId: string,
): Promise<void> {
  const db = (connectorSettings(env).db ?? env.db) as unknown as Kysely<unknown>;
  await sql`insert into ${sql.table(EXPORT_JOURNAL_TABLE)} (binding_model, backend_id, record_key, external_id)
    values (${key.bindingModel}, ${String(key.backendId)}, ${String(key.recordKey)}, ${externalId})
    on conflict (binding_model, backend_id, record_key)
    do update set external_id = excluded.external_id, created_at = now()`.execute(db);
}

/** The external id journalled for a binding whose transaction rolled back, if any. */
export async function recoverExternalId(env: Env, key: JournalKey): Promise<string | undefined> {
  const { rows } = await sql<{
    external_id: string;
  }>`select external_id from ${sql.table(EXPORT_JOURNAL_TABLE)}
    where binding_model = ${key.bindingModel} and backend_id = ${String(key.backendId)}
      and record_key = ${String(key.recordKey)}`.execute(env.db);
  return rows[0]?.external_id;
}

/** Forget the journal entry of a binding (in `env`'s transaction: once the id is bound). */
export async function clearJournal(env: Env, key: JournalKey): Promise<void> {
  await sql`delete from ${sql.table(EXPORT_JOURNAL_TABLE)} where binding_model = ${key.bindingModel}
    and backend_id = ${String(key.backendId)} and record_key = ${String(key.recordKey)}`.execute(
    env.db,
  );
}
