import { ConstraintError, type ConstraintKind } from './errors/constraint-error.js';

interface PgErrorLike {
  readonly code?: unknown;
  readonly detail?: unknown;
  readonly constraint?: unknown;
  readonly table?: unknown;
  readonly column?: unknown;
  readonly message?: unknown;
}

const KINDS: Readonly<Record<string, ConstraintKind>> = {
  '23505': 'unique',
  '23503': 'foreign-key',
  '23001': 'foreign-key', // restrict_violation (ON DELETE RESTRICT)
  '23502': 'not-null',
  '23514': 'check',
  '23P01': 'exclusion',
};

/** Turn a PostgreSQL constraint violation into a `ConstraintError`; anything else is returned as is. */
export function mapDatabaseError(model: string, error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const pg = error as PgErrorLike;
  const kind = typeof pg.code === 'string' ? KINDS[pg.code] : undefined;
  if (kind === undefined) return error;
  const detail = typeof pg.detail === 'string' ? pg.detail : '';
  const parsed = /Key \((.+?)\)=\((.*)\)/.exec(detail);
  const fields =
    typeof pg.column === 'string'
      ? [pg.column]
      : parsed?.[1] !== undefined
        ? parsed[1].split(', ')
        : [];
  const violation = {
    kind,
    model,
    field: fields[0],
    fields,
    value: parsed?.[2],
    constraint: typeof pg.constraint === 'string' ? pg.constraint : undefined,
    table: typeof pg.table === 'string' ? pg.table : undefined,
  };
  const what = fields.length > 0 ? `${model}.${fields.join(', ')}` : model;
  const value = violation.value === undefined ? '' : ` (value ${violation.value})`;
  const reason = typeof pg.message === 'string' ? pg.message : kind;
  return new ConstraintError(
    violation,
    `${kind} constraint violated on ${what}${value}: ${reason}`,
    error,
  );
}
