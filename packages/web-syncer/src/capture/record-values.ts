import type { FieldDefinition, ModelRegistry } from '@bindery/model';
import { sql } from 'kysely';
import type { JsonExpression } from './payload-sql.js';

/** The `data` of a notification, split: values known from the row, and SQL lookups. @internal */
export interface DataParts {
  readonly plain: Record<string, unknown>;
  readonly lookups: [string, JsonExpression][];
}

/** `YYYY-MM-DD` of a `date` column (node-postgres parses it to local midnight). */
function dateText(value: unknown): unknown {
  if (!(value instanceof Date)) return value;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** A many2one: `[id, name]` (the name looked up), `false` when empty. */
function many2one(
  models: ModelRegistry,
  definition: FieldDefinition,
  value: unknown,
): { plain: unknown } | { lookup: JsonExpression } {
  if (value === null || value === undefined) return { plain: false };
  const id =
    typeof value === 'number' || typeof value === 'string' ? String(value) : JSON.stringify(value);
  const target = models.get(definition.target ?? '');
  if (target.recordName === undefined) return { plain: [value, `${target.name},${id}`] };
  return {
    lookup: sql`jsonb_build_array(${id}::bigint,
      (select to_jsonb(t.${sql.id(target.recordName)}) from ${sql.table(target.table)} t where t.id = ${value}))`,
  };
}

/**
 * Split the fields `names` of `row` into JSON-ready values and SQL lookups: many2one names,
 * many2many id lists (one2many fields are left out, st. 23–24). Values are sent as stored: dates
 * as `YYYY-MM-DD`, timestamps in ISO 8601, numerics as numbers. @internal
 */
export function dataOf(
  models: ModelRegistry,
  fields: ReadonlyMap<string, FieldDefinition>,
  row: Readonly<Record<string, unknown>>,
  names: Iterable<string>,
): DataParts {
  const plain: Record<string, unknown> = {};
  const lookups: [string, JsonExpression][] = [];
  for (const name of names) {
    const definition = fields.get(name);
    if (definition === undefined) continue;
    const value = row[name] ?? null;
    switch (definition.type) {
      case 'one2many':
        break;
      case 'many2one': {
        const result = many2one(models, definition, value);
        if ('plain' in result) plain[name] = result.plain;
        else lookups.push([name, result.lookup]);
        break;
      }
      case 'many2many': {
        const relation = definition.relation;
        if (relation === undefined) break;
        lookups.push([
          name,
          sql`(select coalesce(jsonb_agg(rel.${sql.id(relation.column2)} order by rel.${sql.id(relation.column2)}), '[]'::jsonb)
          from ${sql.table(relation.table)} rel where rel.${sql.id(relation.column1)} = ${row['id']})`,
        ]);
        break;
      }
      case 'date':
        plain[name] = dateText(value);
        break;
      case 'numeric':
        plain[name] = value === null ? null : Number(value);
        break;
      case 'id':
      case 'integer': {
        const numeric = typeof value === 'string' ? Number(value) : value;
        plain[name] =
          typeof numeric === 'number' && Number.isSafeInteger(numeric) ? numeric : value;
        break;
      }
      case 'text':
      case 'boolean':
      case 'datetime':
      case 'json':
        plain[name] = value;
        break;
    }
  }
  return { plain, lookups };
}
