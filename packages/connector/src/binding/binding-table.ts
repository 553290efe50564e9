import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { OnDelete } from '@bindery/model';
import type { ColumnsBuilder } from '../backend/backend-table.js';

/** Options of {@link createBindingTable}. */
export interface BindingTableOptions {
  /** The binding table, e.g. `'shop_product_binding'`. */
  readonly table: string;
  /** The backend table (`backend_id` references it, `on delete restrict`). */
  readonly backendTable: string;
  /** The local table (`record_id` references it); omit it for a direct binding. */
  readonly recordTable?: string;
  /** @defaultValue 'cascade' */
  readonly recordOnDelete?: OnDelete;
  /** The binding's own columns. */
  readonly columns?: ColumnsBuilder;
}

/**
 * Migration helper: create a binding table with `id`, `backend_id`, `external_id text`,
 * `record_id`, `sync_date timestamptz`, the binding's own columns, and the constraints the
 * connector relies on: unique `(backend_id, external_id)` (one binding per external record) and
 * unique `(backend_id, record_id)` (one binding per local record and backend), plus an index on
 * `record_id`.
 *
 * @example
 * ```ts
 * up: (db) => createBindingTable(db, {
 *   table: 'shop_product_binding', backendTable: 'shop_backend', recordTable: 'product_product',
 *   columns: (t) => t.addColumn('shop_updated_at', 'timestamptz'),
 * }),
 * ```
 */
export async function createBindingTable(
  db: Kysely<unknown>,
  options: BindingTableOptions,
): Promise<void> {
  const { table, backendTable, recordTable } = options;
  const onDelete = options.recordOnDelete ?? 'cascade';
  let builder: CreateTableBuilder<string, string> = db.schema
    .createTable(table)
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('backend_id', 'integer', (c) =>
      c.notNull().references(`${backendTable}.id`).onDelete('restrict'),
    )
    .addColumn('external_id', 'text');
  if (recordTable !== undefined) {
    builder = builder.addColumn('record_id', 'integer', (c) =>
      c.notNull().references(`${recordTable}.id`).onDelete(onDelete),
    );
  }
  builder = builder
    .addColumn('sync_date', 'timestamptz')
    .addUniqueConstraint(`${table}_backend_external_uniq`, ['backend_id', 'external_id']);
  if (recordTable !== undefined) {
    builder = builder.addUniqueConstraint(`${table}_backend_record_uniq`, [
      'backend_id',
      'record_id',
    ]);
  }
  await (options.columns ?? ((t) => t))(builder).execute();
  if (recordTable !== undefined) {
    await sql`create index ${sql.id(`${table}_record_idx`)} on ${sql.id(table)} (record_id)`.execute(
      db,
    );
  }
}
