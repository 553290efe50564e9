import type { Migration } from '@bindery/model';
import { sql } from 'kysely';

/** The tables of the connector addon: the export journal and the checkpoints. */
export const connectorMigrations: readonly Migration[] = Object.freeze([
  {
    name: '0001_connector_export_journal',
    up: async (db) => {
      await sql`create table connector_export_journal (
        binding_model text not null,
        backend_id text not null,
        record_key text not null,
        external_id text not null,
        created_at timestamptz not null default now(),
        primary key (binding_model, backend_id, record_key))`.execute(db);
    },
  },
  {
    name: '0002_connector_checkpoint',
    up: async (db) => {
      await sql`create table connector_checkpoint (
        id serial primary key,
        model text not null,
        record_id integer not null,
        backend_model text not null,
        backend_id integer not null,
        state text not null default 'need_review' check (state in ('need_review', 'reviewed')),
        message text,
        company_id text,
        created_at timestamptz not null default now(),
        reviewed_at timestamptz,
        reviewed_by text)`.execute(db);
      await sql`create index connector_checkpoint_state_idx on connector_checkpoint (state, model)`.execute(
        db,
      );
    },
  },
]);
