import { defineAddon } from '@bindery/component';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppRegistries } from '../app-registries.js';
import { loyaltyAddon, shopAddon } from '../__fixtures__/shop-addon.js';
import { MigrationError } from '../errors/migration-error.js';
import { createTestDatabase, createTestKysely, type TestDatabase } from '../test/index.js';
import { migrate, MIGRATION_TABLE } from './migrate.js';

let database: TestDatabase<unknown>;
beforeAll(async () => {
  database = await createTestDatabase<unknown>();
});
afterAll(async () => {
  await database.drop();
});

async function tables(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{
    table_name: string;
  }>`select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(
    db,
  );
  return rows.map((r) => r.table_name);
}

describe('migrate', () => {
  it('applies the composed set in dependency order, once', async () => {
    const { addons } = buildAppRegistries([loyaltyAddon]);
    const progress: string[] = [];
    const first = await migrate(database.db, addons, {
      onProgress: (m, i, total) => progress.push(`${i + 1}/${total} ${m.addon}/${m.name}`),
    });
    expect(first.applied).toEqual([
      { addon: 'test-shop', name: '0001_tables' },
      { addon: 'test-loyalty', name: '0001_loyalty_points' },
    ]);
    expect(progress).toEqual(['1/2 test-shop/0001_tables', '2/2 test-loyalty/0001_loyalty_points']);
    expect(await tables(database.db)).toEqual(
      expect.arrayContaining([MIGRATION_TABLE, 'res_partner', 'sale_order', 'sale_order_line']),
    );
    const second = await migrate(database.db, addons);
    expect(second.applied).toEqual([]);
    expect(second.skipped).toHaveLength(2);
  });

  it('reports applied migrations that no addon declares any more', async () => {
    const { addons } = buildAppRegistries([shopAddon]);
    const report = await migrate(database.db, addons);
    expect(report.unknown).toEqual([{ addon: 'test-loyalty', name: '0001_loyalty_points' }]);
  });

  it('rolls back a failing migration alone and names it', async () => {
    const broken = defineAddon({
      name: 'broken',
      depends: [shopAddon],
      migrations: [
        {
          name: '0001_ok',
          up: async (db) => void (await sql`create table broken_ok (id int)`.execute(db)),
        },
        {
          name: '0002_fails',
          up: async (db) => {
            await sql`create table broken_half (id int)`.execute(db);
            await sql`select * from no_such_table`.execute(db);
          },
        },
      ],
    });
    const error = await migrate(database.db, buildAppRegistries([broken]).addons).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ addon: 'broken', migration: '0002_fails' });
    const present = await tables(database.db);
    expect(present).toContain('broken_ok');
    expect(present).not.toContain('broken_half');
  });

  it('rejects malformed and duplicate migrations before running any', async () => {
    const dup = defineAddon({
      name: 'dup',
      migrations: [
        { name: 'a', up: async () => {} },
        { name: 'a', up: async () => {} },
      ],
    });
    await expect(migrate(database.db, [dup])).rejects.toThrow('declared twice');
    const bad = defineAddon({ name: 'bad', migrations: [{ name: '', up: async () => {} }] });
    await expect(migrate(database.db, [bad])).rejects.toBeInstanceOf(MigrationError);
  });

  it('lets concurrent processes race safely: each migration applies once', async () => {
    const fresh = await createTestDatabase<unknown>();
    const slow = defineAddon({
      name: 'slow',
      migrations: [
        {
          name: '0001_slow',
          up: async (db) => {
            await sql`create table slow_once (id int)`.execute(db);
            await sql`select pg_sleep(0.2)`.execute(db);
          },
        },
      ],
    });
    const others = [0, 1, 2].map(() => createTestKysely(fresh.url, { max: 2 }));
    try {
      const reports = await Promise.all(others.map((db) => migrate(db, [slow])));
      expect(reports.map((r) => r.applied.length).sort()).toEqual([0, 0, 1]);
      const { rows } = await sql<{
        n: string;
      }>`select count(*) as n from ${sql.table(MIGRATION_TABLE)}`.execute(fresh.db);
      expect(Number(rows[0]?.n)).toBe(1);
    } finally {
      await Promise.all(others.map((db) => db.destroy()));
      await fresh.drop();
    }
  });
});
