import type { Kysely } from 'kysely';
import { describe, expectTypeOf, test } from 'vitest';
import type { PostgresServer, PostgresSetupError } from '../postgres/index.js';
import { ensurePostgres } from '../postgres/index.js';
import {
  createTestDatabase,
  useTestDatabase,
  type TestDatabase,
  type TestDatabaseTemplate,
} from './index.js';

interface ShopDatabase {
  partner: { id: number; name: string };
}

describe('test databases', () => {
  test('the Kysely instance has the requested schema type, never any', () => {
    expectTypeOf(createTestDatabase<ShopDatabase>).returns.resolves.toEqualTypeOf<
      TestDatabase<ShopDatabase>
    >();
    expectTypeOf<TestDatabase<ShopDatabase>['db']>().toEqualTypeOf<Kysely<ShopDatabase>>();
    expectTypeOf<TestDatabase<ShopDatabase>['db']>().not.toBeAny();
    expectTypeOf(useTestDatabase<ShopDatabase>).returns.toEqualTypeOf<
      () => TestDatabase<ShopDatabase>
    >();
  });

  test('without a type argument the schema is unknown, not any', () => {
    expectTypeOf(createTestDatabase).returns.resolves.toEqualTypeOf<TestDatabase<unknown>>();
    expectTypeOf<TestDatabase<unknown>['db']>().not.toBeAny();
  });

  test('queries are checked against the schema', async () => {
    const { db } = await createTestDatabase<ShopDatabase>();
    expectTypeOf(await db.selectFrom('partner').select('name').execute()).toEqualTypeOf<
      { name: string }[]
    >();
    // @ts-expect-error unknown table
    db.selectFrom('nope');
  });

  test('a template prepares an untyped database (migrations), given by key', () => {
    expectTypeOf<Parameters<TestDatabaseTemplate['prepare']>>().toEqualTypeOf<
      [db: Kysely<unknown>, url: string]
    >();
    expectTypeOf<TestDatabaseTemplate['key']>().toEqualTypeOf<string>();
    const migrateLike = (_db: Kysely<unknown>): Promise<void> => Promise.resolve();
    expectTypeOf({ key: 'k', prepare: migrateLike }).toExtend<TestDatabaseTemplate>();
  });
});

describe('ensurePostgres', () => {
  test('returns a server handle', () => {
    expectTypeOf(ensurePostgres).returns.resolves.toEqualTypeOf<PostgresServer>();
    expectTypeOf<PostgresServer['url']>().toEqualTypeOf<string>();
    expectTypeOf<PostgresServer['stop']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<PostgresSetupError['step']>().toEqualTypeOf<
      'binary' | 'user' | 'permissions' | 'lock' | 'port' | 'initdb' | 'start' | 'stop'
    >();
  });
});
