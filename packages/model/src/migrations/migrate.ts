// The Addon augmentation (models, migrations) must be part of every entry's program.
import type {} from '../model-addon.js';
import type { Addon } from '@bindery/component';
import { sql, type Kysely } from 'kysely';
import { MigrationError } from '../errors/migration-error.js';
import type { Migration } from './migration.js';

/** The table recording applied migrations. */
export const MIGRATION_TABLE = 'bindery_migration';
/** Advisory lock key (any constant) held while migrating, so concurrent starts wait in turn. */
const LOCK_KEY = 7_310_001_001;

/** One migration of the composed set. */
export interface PlannedMigration {
  readonly addon: string;
  readonly name: string;
}

/** What `migrate` did. */
export interface MigrationReport {
  /** Applied by this run, in order. */
  readonly applied: readonly PlannedMigration[];
  /** Already applied before. */
  readonly skipped: readonly PlannedMigration[];
  /** Recorded as applied but declared by no addon any more (left alone). */
  readonly unknown: readonly PlannedMigration[];
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Called before each migration is applied. */
  readonly onProgress?: (migration: PlannedMigration, index: number, total: number) => void;
}

/**
 * Apply the pending migrations of the addons, in dependency order (pass
 * `componentRegistry.addons`) and, within an addon, in list order. Idempotent; runs under a
 * PostgreSQL advisory lock, so processes starting together apply each migration once. Each
 * migration runs in its own transaction with its bookkeeping row: a failure
 * (`MigrationError`) leaves the earlier ones applied and nothing of the failed one.
 */
export async function migrate(
  db: Kysely<unknown>,
  addons: readonly Addon[],
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const planned = plan(addons);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      await ensureTable(conn);
      const done = await appliedMigrations(conn);
      const pending = planned.filter((m) => !done.has(key(m)));
      const declared = new Set(planned.map(key));
      for (const [index, item] of pending.entries()) {
        options.onProgress?.(item, index, pending.length);
        await applyOne(conn, item);
      }
      return {
        applied: pending.map(strip),
        skipped: planned.filter((m) => done.has(key(m))).map(strip),
        unknown: [...done.values()].filter((m) => !declared.has(key(m))),
      };
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}

interface PlannedWithUp extends PlannedMigration {
  readonly migration: Migration;
}

/** The composed list, checked for duplicate names and malformed migrations. */
function plan(addons: readonly Addon[]): PlannedWithUp[] {
  const result: PlannedWithUp[] = [];
  for (const addon of addons) {
    const names = new Set<string>();
    for (const migration of addon.migrations ?? []) {
      if (
        typeof migration?.name !== 'string' ||
        migration.name === '' ||
        typeof migration.up !== 'function'
      ) {
        throw new MigrationError(
          addon.name,
          String(migration?.name),
          'a migration needs a non-empty name and an up(db) function',
        );
      }
      if (names.has(migration.name))
        throw new MigrationError(addon.name, migration.name, 'declared twice in the addon');
      names.add(migration.name);
      result.push({ addon: addon.name, name: migration.name, migration });
    }
  }
  return result;
}

async function ensureTable(db: Kysely<unknown>): Promise<void> {
  await sql`create table if not exists ${sql.table(MIGRATION_TABLE)} (
    addon text not null,
    name text not null,
    applied_at timestamptz not null default now(),
    primary key (addon, name)
  )`.execute(db);
}

async function appliedMigrations(db: Kysely<unknown>): Promise<Map<string, PlannedMigration>> {
  const { rows } =
    await sql<PlannedMigration>`select addon, name from ${sql.table(MIGRATION_TABLE)} order by applied_at, addon, name`.execute(
      db,
    );
  return new Map(rows.map((row) => [key(row), { addon: row.addon, name: row.name }]));
}

async function applyOne(db: Kysely<unknown>, item: PlannedWithUp): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await item.migration.up(trx);
      await sql`insert into ${sql.table(MIGRATION_TABLE)} (addon, name) values (${item.addon}, ${item.name})`.execute(
        trx,
      );
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MigrationError(item.addon, item.name, `failed: ${reason}`, cause);
  }
}

function key(migration: PlannedMigration): string {
  return `${migration.addon}\u0000${migration.name}`;
}

function strip(migration: PlannedMigration): PlannedMigration {
  return { addon: migration.addon, name: migration.name };
}
