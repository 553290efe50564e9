import type { Env, RecordId } from '@bindery/model';
import { sql, type RawBuilder } from 'kysely';
import type { SyncMethod } from '../protocol/notification.js';
import { OUTBOX } from '../schema/outbox-names.js';
import { jsonObject, recordNameOf, relatedValue, type JsonExpression } from './payload-sql.js';
import { dataOf } from './record-values.js';
import type { SyncModels } from './sync-models.js';
import type { ManyToManySatellite, OneToManySatellite, SyncModelInfo } from './sync-model-info.js';

/** Where a push happens: the env of the business transaction and the app's sync models. @internal */
export interface PushContext {
  readonly env: Env;
  readonly models: SyncModels;
}

/**
 * Rows for the outbox: a `SELECT` (or `VALUES`) yielding `channel, model, record_id, payload`.
 * @internal
 */
export type EventRows = RawBuilder<unknown>;

const EVENT = sql.table(OUTBOX.event);
const STORED = sql.ref(`${OUTBOX.event}.payload`);

/**
 * The merge of a later push into the stored payload (the `web_syncer_merge` function of the
 * migration, inlined: a SQL-function call per merge costs the server about as much as the rest
 * of the upsert).
 */
const MERGED = sql`${STORED} || jsonb_build_object(
    'method', case when excluded.payload->>'method' in ('create', 'unlink') then excluded.payload->'method' else ${STORED}->'method' end,
    'data', coalesce(${STORED}->'data', '{}'::jsonb) || coalesce(excluded.payload->'data', '{}'::jsonb))`;

const upsert = (rows: EventRows): RawBuilder<unknown> => sql`
  insert into ${EVENT} (channel, model, record_id, payload) ${rows}
  on conflict (txid, channel, record_id) do update set payload = ${MERGED}`;

/**
 * Upsert the rows of one record event, merging into what the transaction already pushed for the
 * same records: one statement for all of them when `together` (no two sources can yield the same
 * channel and record), else one per source, in order. @internal
 */
export async function writeEvents(
  context: PushContext,
  sources: readonly EventRows[],
  together: boolean,
): Promise<void> {
  if (sources.length === 0) return;
  if (together || sources.length === 1) {
    await upsert(sql.join(sources, sql` union all `)).execute(context.env.db);
    return;
  }
  for (const rows of sources) await upsert(rows).execute(context.env.db);
}

function userOf(context: PushContext): JsonExpression {
  const id = context.env.userId;
  const json = sql`${JSON.stringify(id ?? null)}::jsonb`;
  const userModel = context.models.userModel;
  if (id === undefined || userModel?.recordName === undefined)
    return sql`jsonb_build_object('id', ${json}, 'name', null)`;
  const name = sql`(select to_jsonb(u.${sql.id(userModel.recordName)}) from ${sql.table(userModel.table)} u where u.id::text = ${String(id)})`;
  return sql`jsonb_build_object('id', ${json}, 'name', ${name})`;
}

/**
 * The notification row of one record (st. 10–15, 22–28): `create` carries the whole record,
 * `write` the written fields and the related values rooted at them (the whole record with
 * `syncEntire`), `unlink` `{}` (the whole record with `syncEntire`). Values come from the row the
 * event carries; SQL looks up only many2one names, many2many ids, related values and the user's
 * name. Written in the caller's transaction; a second push for the same record in the
 * transaction merges into the first. @internal
 */
export function recordEvent(
  context: PushContext,
  info: SyncModelInfo,
  row: Readonly<Record<string, unknown>>,
  method: SyncMethod,
  written: readonly string[],
): EventRows {
  const { model } = info;
  const models = context.env.models;
  const entire = method === 'create' || model.syncEntire;
  const names = entire ? model.fields.keys() : method === 'unlink' ? [] : written;
  const { plain, lookups } = dataOf(models, model.fields, row, names);
  if (!entire && method === 'write') {
    for (const root of written) {
      for (const related of info.relatedByRoot.get(root) ?? [])
        lookups.push([related.key, relatedValue(models, related, row[root])]);
    }
  }
  const hasWriteDate = model.fields.has('write_date');
  const base = {
    method,
    record_name: model.recordName === undefined ? false : (row[model.recordName] ?? false),
    __last_update: hasWriteDate ? (row['write_date'] ?? null) : null,
    data: plain,
    indirect: false,
    entire,
    user_id: { id: context.env.userId ?? null, name: null },
  };
  const patches: [string, JsonExpression][] = [];
  if (lookups.length > 0)
    patches.push(['data', sql`${JSON.stringify(plain)}::jsonb || ${jsonObject(lookups)}`]);
  if (!hasWriteDate) patches.push(['__last_update', sql`to_jsonb(now())`]);
  if (context.models.userModel !== undefined && context.env.userId !== undefined)
    patches.push(['user_id', userOf(context)]);
  const baseJson = sql`${JSON.stringify(base)}::jsonb`;
  const payload = patches.length === 0 ? baseJson : sql`${baseJson} || ${jsonObject(patches)}`;
  return sql`select current_database() || ':' || ${model.name}::text, ${model.name}::text, ${row['id']}::bigint, ${payload}`;
}

/** The indirect payload of a parent: `{ field: ids }` (st. 17–19). */
function indirectPayload(
  context: PushContext,
  parent: SyncModelInfo['model'],
  field: string,
  ids: JsonExpression,
): JsonExpression {
  return jsonObject([
    ['method', sql`'"write"'::jsonb`],
    ['record_name', recordNameOf(parent, 'p')],
    ['data', jsonObject([[field, ids]])],
    ['indirect', sql`'true'::jsonb`],
    ['entire', sql`'false'::jsonb`],
    ['user_id', userOf(context)],
  ]);
}

/**
 * The rows telling the parents `parentIds` that their one2many changed: each gets an indirect
 * write with its current list of child ids, without `excluded` (a child about to be deleted,
 * st. 15). `undefined` without parents. @internal
 */
export function oneToManyParentEvents(
  context: PushContext,
  satellite: OneToManySatellite,
  child: SyncModelInfo['model'],
  parentIds: readonly RecordId[],
  excluded?: RecordId,
): EventRows | undefined {
  if (parentIds.length === 0) return undefined;
  const { parent, field, membership, fake } = satellite;
  const conditions = [sql`c.${sql.id(membership)} = p.id`];
  if (fake !== undefined) conditions.push(sql`c.${sql.id(fake.modelField)} = ${parent.name}::text`);
  if (excluded !== undefined) conditions.push(sql`c.id <> ${excluded}`);
  const ids = sql`(select coalesce(jsonb_agg(c.id order by c.id), '[]'::jsonb) from ${sql.table(child.table)} c
    where ${sql.join(conditions, sql` and `)})`;
  return sql`select current_database() || ':' || ${parent.name}::text, ${parent.name}::text, p.id::bigint, ${indirectPayload(context, parent, field, ids)}
    from ${sql.table(parent.table)} p where p.id in (${sql.join(parentIds.map((id) => sql`${id}`))})`;
}

/**
 * The rows telling the parents linked to child `childId` through a many2many that their list
 * changed (st. 19), without `excluded`. @internal
 */
export function manyToManyParentEvents(
  context: PushContext,
  satellite: ManyToManySatellite,
  childId: RecordId,
  excluded?: RecordId,
): EventRows {
  const { parent, field, relation } = satellite;
  const column1 = sql.id(relation.column1);
  const column2 = sql.id(relation.column2);
  const exclusion = excluded === undefined ? sql`` : sql`and rel.${column2} <> ${excluded}`;
  const ids = sql`(select coalesce(jsonb_agg(rel.${column2} order by rel.${column2}), '[]'::jsonb)
    from ${sql.table(relation.table)} rel where rel.${column1} = p.id ${exclusion})`;
  return sql`select current_database() || ':' || ${parent.name}::text, ${parent.name}::text, p.id::bigint, ${indirectPayload(context, parent, field, ids)}
    from ${sql.table(parent.table)} p
    where p.id in (select l.${column1} from ${sql.table(relation.table)} l where l.${column2} = ${childId})`;
}
