import type { FieldDefinition, ModelRegistry, ResolvedModel } from '@bindery/model';
import { sql, type RawBuilder } from 'kysely';
import type { RelatedValue } from './sync-model-info.js';

/** A `jsonb` SQL expression. @internal */
export type JsonExpression = RawBuilder<unknown>;

const MAX_PAIRS = 50; // jsonb_build_object takes at most 100 arguments

/** `jsonb_build_object` over any number of pairs (chunked and concatenated); `'{}'` when empty. */
export function jsonObject(pairs: readonly (readonly [string, JsonExpression])[]): JsonExpression {
  if (pairs.length === 0) return sql`'{}'::jsonb`;
  const chunks: JsonExpression[] = [];
  for (let start = 0; start < pairs.length; start += MAX_PAIRS) {
    const args = pairs
      .slice(start, start + MAX_PAIRS)
      .flatMap(([key, value]) => [sql`${sql.lit(key)}::text`, value]);
    chunks.push(sql`jsonb_build_object(${sql.join(args)})`);
  }
  return sql.join(chunks, sql` || `);
}

/** The record name of a row of `model` aliased `alias`: its `recordName` field, else `false`. */
export function recordNameOf(model: ResolvedModel, alias: string): JsonExpression {
  if (model.recordName === undefined) return sql`'false'::jsonb`;
  return sql`coalesce(to_jsonb(${sql.ref(`${alias}.${model.recordName}`)}), 'false'::jsonb)`;
}

/**
 * A field of the row aliased `alias`, as the notification shows it: many2one `[id, name]` or
 * `false`, many2many the list of ids, anything else its JSON value.
 */
export function fieldValue(
  models: ModelRegistry,
  alias: string,
  name: string,
  definition: FieldDefinition,
): JsonExpression {
  const column = sql.ref(`${alias}.${name}`);
  switch (definition.type) {
    case 'many2one':
      return many2oneValue(models.get(definition.target ?? ''), column);
    case 'many2many': {
      const relation = definition.relation;
      if (relation === undefined) return sql`'[]'::jsonb`;
      return sql`(select coalesce(jsonb_agg(rel.${sql.id(relation.column2)} order by rel.${sql.id(relation.column2)}), '[]'::jsonb)
        from ${sql.table(relation.table)} rel where rel.${sql.id(relation.column1)} = ${sql.ref(`${alias}.id`)})`;
    }
    case 'one2many':
      return sql`'[]'::jsonb`;
    case 'id':
    case 'text':
    case 'integer':
    case 'numeric':
    case 'boolean':
    case 'date':
    case 'datetime':
    case 'json':
      return sql`to_jsonb(${column})`;
  }
}

function many2oneValue(target: ResolvedModel, column: RawBuilder<unknown>): JsonExpression {
  const name =
    target.recordName === undefined
      ? sql`to_jsonb(${sql.lit(`${target.name},`)} || ${column})`
      : sql`(select to_jsonb(t.${sql.id(target.recordName)}) from ${sql.table(target.table)} t where t.id = ${column})`;
  return sql`case when ${column} is null then 'false'::jsonb else jsonb_build_array(${column}, ${name}) end`;
}

/** The value at the end of a related path, starting from the root's value `rootValue` (st. 22). */
export function relatedValue(
  models: ModelRegistry,
  related: RelatedValue,
  rootValue: unknown,
): JsonExpression {
  const [root, ...rest] = related.hops;
  if (root === undefined) return sql`'null'::jsonb`;
  const last = related.hops.at(-1) ?? root;
  const joins: RawBuilder<unknown>[] = [];
  let previous = `h0`;
  // h0 is the model the root points to; each next hop joins the model the previous field points to.
  for (const [index, hop] of rest.slice(0, -1).entries()) {
    const next = `h${index + 1}`;
    const target = models.get(hop.definition.target ?? '');
    joins.push(
      sql`join ${sql.table(target.table)} ${sql.id(next)} on ${sql.ref(`${next}.id`)} = ${sql.ref(`${previous}.${hop.field}`)}`,
    );
    previous = next;
  }
  const first = models.get(root.definition.target ?? '');
  const value = fieldValue(models, previous, last.field, last.definition);
  const joined = joins.length === 0 ? sql`` : sql.join(joins, sql` `);
  return sql`coalesce((select ${value} from ${sql.table(first.table)} h0 ${joined}
    where h0.id = ${rootValue ?? null}), 'null'::jsonb)`;
}
