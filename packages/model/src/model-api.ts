import {
  collectEvents,
  type CollectedEvents,
  type EventName,
  type EventRecord,
  type RecordChangeInfo,
} from '@bindery/component-event';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { mapDatabaseError } from './database-error-mapping.js';
import type { Env } from './env.js';
import { MissingRecordError } from './errors/missing-record-error.js';
import { toColumnValue } from './fields/field-value.js';
import { assertFields, prepareValues } from './record-values.js';
import type { ResolvedModel } from './resolved-model.js';
import type { ExpressionTable, InsertOf, RecordId, RowOf, UpdateOf } from './typed-models.js';

/** Prefix of the previous values in an update's RETURNING list (cannot clash: not snake_case). */
const PREVIOUS = '~previous~';

/** A Kysely handle with the shape the record API uses internally (tables are dynamic). */
type LooseDb = Kysely<Record<string, Record<string, unknown>>>;

/** Conditions of `search`: field equalities, or a Kysely expression callback on the table. */
export type SearchWhere<TTable> =
  | Partial<RowOf<TTable>>
  | ((eb: ExpressionBuilder<{ record: ExpressionTable<TTable> }, 'record'>) => Expression<SqlBool>);

/** Options of `search`. */
export interface SearchOptions<TTable> {
  /** Sort by these fields, ascending unless `desc`. @defaultValue `id` ascending */
  readonly orderBy?: readonly (
    | (keyof RowOf<TTable> & string)
    | readonly [keyof RowOf<TTable> & string, 'asc' | 'desc']
  )[];
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * The record API of one model: create / write / unlink firing the record events of
 * `@bindery/component-event`, and browse / read / search. Get it with `env.model(name)`.
 *
 * Events: `onRecordCreate` and `onRecordWrite` fire **after** the statement, once per record,
 * with the field names the caller passed; `onRecordUnlink` fires **before** the delete, once per
 * record. When a model has listeners for the event, the statement and the listeners run in one
 * transaction (the env's, or a new one): a failing listener rolls the write back.
 */
export class ModelApi<TTable> {
  readonly env: Env;
  readonly model: ResolvedModel;

  constructor(env: Env, model: ResolvedModel) {
    this.env = env;
    this.model = model;
  }

  /** Create one record (returns it) or several in one statement (returns them, in order). */
  create(values: InsertOf<TTable>): Promise<RowOf<TTable>>;
  create(values: readonly InsertOf<TTable>[]): Promise<RowOf<TTable>[]>;
  async create(
    values: InsertOf<TTable> | readonly InsertOf<TTable>[],
  ): Promise<RowOf<TTable> | RowOf<TTable>[]> {
    const list = Array.isArray(values) ? (values as readonly object[]) : [values as object];
    const prepared = list.map((item) => prepareValues(this.model, item, true));
    const insert = async (
      env: Env,
      events: CollectedEvents<'onRecordCreate'> | undefined,
    ): Promise<RowOf<TTable>[]> => {
      if (prepared.length === 0) return [];
      const rows = await this.#run(() =>
        db(env)
          .insertInto(this.model.table)
          .values(prepared.map((p) => p.row))
          .returningAll()
          .execute(),
      );
      for (const [i, row] of rows.entries())
        await events?.notify(row as EventRecord, changeInfo(prepared[i]?.fields ?? []));
      return rows as RowOf<TTable>[];
    };
    const created = await this.#withEvents('onRecordCreate', insert);
    return Array.isArray(values) ? created : (created[0] as RowOf<TTable>);
  }

  /**
   * Write `values` on the records. Fires `onRecordWrite` per record with the written field names.
   * A write with no values runs no SQL and fires nothing; it returns the records as they are.
   * Throws `MissingRecordError` (and writes nothing) when a record does not exist.
   */
  async write(
    ids: RecordId | readonly RecordId[],
    values: UpdateOf<TTable>,
  ): Promise<RowOf<TTable>[]> {
    const idList = this.#ids(ids);
    const { row, fields } = prepareValues(this.model, values, false);
    if (fields.length === 0 || idList.length === 0) return this.browse(idList);
    const info = changeInfo(fields);
    const update = async (
      env: Env,
      events: CollectedEvents<'onRecordWrite'> | undefined,
    ): Promise<RowOf<TTable>[]> => {
      if (events === undefined) {
        const rows = await this.#run(() =>
          db(env)
            .updateTable(this.model.table)
            .set(row)
            .where('id', 'in', idList)
            .returningAll()
            .execute(),
        );
        this.#assertAll(idList, rows);
        return this.#inOrder(idList, rows) as RowOf<TTable>[];
      }
      const changes = await this.#updateWithPrevious(env, idList, row, fields);
      this.#assertAll(
        idList,
        changes.map((change) => change.record),
      );
      const position = new Map(idList.map((id, index) => [String(id), index]));
      const at = (record: Record<string, unknown>) => position.get(String(record['id'])) ?? 0;
      changes.sort((a, b) => at(a.record) - at(b.record));
      for (const { record, previous } of changes) {
        await events.notify(
          record as EventRecord,
          Object.freeze({ fields: info.fields, previous }),
        );
      }
      const rows = changes.map((change) => change.record);
      return rows as RowOf<TTable>[];
    };
    return this.#withEvents('onRecordWrite', update, idList.length > 1);
  }

  /**
   * Delete the records. `onRecordUnlink` fires for each one before the delete. Throws
   * `MissingRecordError` (and deletes nothing) when a record does not exist. Returns the count.
   */
  async unlink(ids: RecordId | readonly RecordId[]): Promise<number> {
    const idList = this.#ids(ids);
    if (idList.length === 0) return 0;
    const remove = async (
      env: Env,
      events: CollectedEvents<'onRecordUnlink'> | undefined,
    ): Promise<number> => {
      if (events !== undefined) {
        const rows = await this.#run(() =>
          db(env)
            .selectFrom(this.model.table)
            .selectAll()
            .where('id', 'in', idList)
            .forUpdate()
            .execute(),
        );
        this.#assertAll(idList, rows);
        for (const record of this.#inOrder(idList, rows))
          await events.notify(record as EventRecord);
      }
      const deleted = await this.#run(() =>
        db(env).deleteFrom(this.model.table).where('id', 'in', idList).returning('id').execute(),
      );
      this.#assertAll(idList, deleted);
      return deleted.length;
    };
    return this.#withEvents('onRecordUnlink', remove, idList.length > 1);
  }

  /** The existing records among `ids`, in the order of `ids` (missing ones are skipped). */
  async browse(ids: RecordId | readonly RecordId[]): Promise<RowOf<TTable>[]> {
    const idList = this.#ids(ids);
    if (idList.length === 0) return [];
    const rows = await this.#run(() =>
      db(this.env).selectFrom(this.model.table).selectAll().where('id', 'in', idList).execute(),
    );
    return this.#inOrder(idList, rows) as RowOf<TTable>[];
  }

  /** Like `browse`, but every record must exist (`MissingRecordError`); optionally only some fields. */
  async read<const TField extends keyof RowOf<TTable> & string>(
    ids: RecordId | readonly RecordId[],
    fields?: readonly TField[],
  ): Promise<Pick<RowOf<TTable>, TField | ('id' & keyof RowOf<TTable>)>[]> {
    const idList = this.#ids(ids);
    if (fields !== undefined) assertFields(this.model, fields);
    const rows = await this.browse(idList);
    this.#assertAll(idList, rows as Record<string, unknown>[]);
    if (fields === undefined) return rows;
    return (rows as Record<string, unknown>[]).map((row) => {
      const picked: Record<string, unknown> = { id: row['id'] };
      for (const name of fields) picked[name] = row[name];
      return picked as Pick<RowOf<TTable>, TField | ('id' & keyof RowOf<TTable>)>;
    });
  }

  /** Records matching `where` (all without it), ordered by id unless `orderBy` says otherwise. */
  async search(
    where?: SearchWhere<TTable>,
    options: SearchOptions<TTable> = {},
  ): Promise<RowOf<TTable>[]> {
    let query = this.#where(
      db(this.env).selectFrom(`${this.model.table} as record`).selectAll(),
      where,
    );
    for (const item of options.orderBy ?? ['id']) {
      const [name, direction] =
        typeof item === 'string'
          ? [item, 'asc' as const]
          : (item as readonly [string, 'asc' | 'desc']);
      assertFields(this.model, [name]);
      query = query.orderBy(name, direction);
    }
    if (options.limit !== undefined) query = query.limit(options.limit);
    if (options.offset !== undefined) query = query.offset(options.offset);
    const built = query;
    return (await this.#run(() => built.execute())) as RowOf<TTable>[];
  }

  /** Number of records matching `where`. */
  async searchCount(where?: SearchWhere<TTable>): Promise<number> {
    const query = this.#where(
      db(this.env)
        .selectFrom(`${this.model.table} as record`)
        .select((eb) => eb.fn.countAll<string>().as('count')),
      where,
    );
    const row = await this.#run(() => query.executeTakeFirstOrThrow());
    return Number(row.count);
  }

  #where<TQuery extends { where: (...args: never[]) => unknown }>(
    query: TQuery,
    where: SearchWhere<TTable> | undefined,
  ): TQuery {
    if (where === undefined) return query;
    const loose = query as unknown as { where(...args: unknown[]): TQuery };
    if (typeof where === 'function') return loose.where(where);
    let result = query;
    for (const [name, value] of Object.entries(where)) {
      const definition = this.model.fields.get(name);
      if (definition === undefined) assertFields(this.model, [name]);
      else if (value === null)
        result = (result as unknown as { where(...args: unknown[]): TQuery }).where(
          `record.${name}`,
          'is',
          null,
        );
      else
        result = (result as unknown as { where(...args: unknown[]): TQuery }).where(
          `record.${name}`,
          '=',
          toColumnValue(this.model.name, name, definition, value),
        );
    }
    return result;
  }

  /** Collect listeners of an event for this model, or `undefined` when there are none. */
  #events<TName extends EventName>(env: Env, name: TName): CollectedEvents<TName> | undefined {
    const events = collectEvents(
      { registry: env.components, modelName: this.model.name, env },
      name,
    );
    return events.listeners.length === 0 ? undefined : events;
  }

  /**
   * Run `work` with the event's listeners (collected once, with the env `work` runs in):
   * directly when no listener can fail it and it is a single atomic statement; otherwise in a
   * transaction (the env's own, or a new one), so everything rolls back together.
   */
  async #withEvents<TName extends EventName, TResult>(
    event: TName,
    work: (env: Env, events: CollectedEvents<TName> | undefined) => Promise<TResult>,
    multiStep = false,
  ): Promise<TResult> {
    const events = this.#events(this.env, event);
    if (this.env.inTransaction || (events === undefined && !multiStep))
      return work(this.env, events);
    return this.env.transaction((tx) =>
      work(tx, events === undefined ? undefined : this.#events(tx, event)),
    );
  }

  /**
   * One statement that locks the rows, updates them and returns both the new rows and the
   * values the written fields had before (for listeners: re-parenting, change logs).
   */
  async #updateWithPrevious(
    env: Env,
    ids: readonly RecordId[],
    row: Record<string, unknown>,
    fields: readonly string[],
  ): Promise<{ record: Record<string, unknown>; previous: Readonly<Record<string, unknown>> }[]> {
    const table = this.model.table;
    const old = db(env)
      .selectFrom(table)
      .select(['id', ...fields])
      .where('id', 'in', ids)
      .forUpdate()
      .as('old');
    const rows = await this.#run(() =>
      db(env)
        .updateTable(`${table} as t`)
        .set(row)
        .from(old)
        .whereRef('t.id', '=', 'old.id')
        .returningAll('t')
        .returning(fields.map((name) => sql.ref(`old.${name}`).as(`${PREVIOUS}${name}`)))
        .execute(),
    );
    return (rows as Record<string, unknown>[]).map((returned) => {
      const record: Record<string, unknown> = {};
      const previous: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(returned)) {
        if (key.startsWith(PREVIOUS)) previous[key.slice(PREVIOUS.length)] = value;
        else record[key] = value;
      }
      return { record, previous: Object.freeze(previous) };
    });
  }

  async #run<TResult>(statement: () => Promise<TResult>): Promise<TResult> {
    try {
      return await statement();
    } catch (error) {
      throw mapDatabaseError(this.model.name, error);
    }
  }

  #ids(ids: RecordId | readonly RecordId[]): RecordId[] {
    const list: readonly RecordId[] = Array.isArray(ids) ? ids : [ids as RecordId];
    const definition = this.model.fields.get('id');
    const unique = new Map<string, RecordId>();
    for (const id of list) {
      if (definition !== undefined) toColumnValue(this.model.name, 'id', definition, id);
      unique.set(String(id), id);
    }
    return [...unique.values()];
  }

  #assertAll(ids: readonly RecordId[], rows: readonly Record<string, unknown>[]): void {
    if (rows.length === ids.length) return;
    const found = new Set(rows.map((row) => String(row['id'])));
    throw new MissingRecordError(
      this.model.name,
      ids.filter((id) => !found.has(String(id))),
    );
  }

  #inOrder(
    ids: readonly RecordId[],
    rows: readonly Record<string, unknown>[],
  ): Record<string, unknown>[] {
    const byId = new Map(rows.map((row) => [String(row['id']), row]));
    const ordered: Record<string, unknown>[] = [];
    for (const id of ids) {
      const row = byId.get(String(id));
      if (row !== undefined) ordered.push(row);
    }
    return ordered;
  }
}

function db(env: Env): LooseDb {
  return env.db as unknown as LooseDb;
}

function changeInfo(fields: readonly string[]): RecordChangeInfo {
  return Object.freeze({ fields: Object.isFrozen(fields) ? fields : Object.freeze([...fields]) });
}
