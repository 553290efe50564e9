import type { CreateTableBuilder, Kysely } from 'kysely';

/** Adds the backend's own columns to the table being created. */
export type ColumnsBuilder = (
  table: CreateTableBuilder<string, string>,
) => CreateTableBuilder<string, string>;

/**
 * Migration helper: create a backend table (`id serial primary key`, `name text not null`)
 * with the backend's own columns.
 *
 * @example
 * ```ts
 * migrations: [{
 *   name: '0001_shop_backend',
 *   up: (db) => createBackendTable(db, 'shop_backend', (t) =>
 *     t.addColumn('location', 'text', (c) => c.notNull()).addColumn('token', 'text')),
 * }]
 * ```
 */
export async function createBackendTable(
  db: Kysely<unknown>,
  table: string,
  columns: ColumnsBuilder = (t) => t,
): Promise<void> {
  const base = db.schema
    .createTable(table)
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull());
  await columns(base).execute();
}
