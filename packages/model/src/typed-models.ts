import type { Insertable, Selectable, Updateable } from 'kysely';

/**
 * The Kysely database interface of the app: table name → table interface. Each package that
 * owns tables augments it, and so does the app:
 *
 * ```ts
 * declare module '@bindery/model' {
 *   interface BinderyDatabase { sale_order: SaleOrderTable }
 * }
 * ```
 */
export interface BinderyDatabase {}

/**
 * Model name → the Kysely table interface of its table, for typed record APIs:
 *
 * ```ts
 * declare module '@bindery/model' {
 *   interface ModelsByName { 'sale.order': SaleOrderTable }
 * }
 * ```
 */
export interface ModelsByName {}

/** A model name: the registered ones (autocompleted) or any string. */
export type ModelName = [keyof ModelsByName] extends [never]
  ? string
  : // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- `string & {}` keeps the open fallback
    (keyof ModelsByName & string) | (string & {});

/** A record id as the driver returns it (`integer` → number, `bigint` → string). */
export type RecordId = number | string;

/** The table type of a model that is not registered in {@link ModelsByName}. */
export interface LooseTable {
  readonly '~loose': true;
}

/** A row of an unregistered model: an id and any columns. */
export interface LooseRow {
  readonly id: RecordId;
  readonly [column: string]: unknown;
}

/** The table interface of a registered model, or {@link LooseTable} for any other name. */
export type ModelTable<TName extends string> = TName extends keyof ModelsByName
  ? ModelsByName[TName]
  : LooseTable;

/** A record as read: Kysely's `Selectable` of the table, or a loose row. */
export type RowOf<TTable> = TTable extends LooseTable ? LooseRow : Selectable<TTable>;
/** Values to create a record: Kysely's `Insertable` of the table, or any columns. */
export type InsertOf<TTable> = TTable extends LooseTable
  ? Readonly<Record<string, unknown>>
  : Insertable<TTable>;
/** Values to write: Kysely's `Updateable` of the table, or any columns. */
export type UpdateOf<TTable> = TTable extends LooseTable
  ? Readonly<Record<string, unknown>>
  : Updateable<TTable>;
/** The table as expressions see it. */
export type ExpressionTable<TTable> = TTable extends LooseTable ? Record<string, unknown> : TTable;
