import { afterAll, beforeAll } from 'vitest';
import {
  createTestDatabase,
  type CreateTestDatabaseOptions,
  type TestDatabase,
} from './test-database.js';
import { TestDatabaseError } from './test-database-error.js';

/**
 * Registers vitest hooks that give the current test file (or `describe` block) its own database:
 * created in `beforeAll` ({@link createTestDatabase}), dropped in `afterAll`.
 *
 * @example
 * ```ts
 * const database = useTestDatabase<DB>({ template: { key: 'shop-v3', prepare: (db) => migrate(db) } });
 * test('…', async () => {
 *   await database().db.insertInto('partner').values({ name: 'A' }).execute();
 * });
 * ```
 *
 * @returns An accessor to call inside tests and hooks.
 * @throws {@link TestDatabaseError} (`not-ready`) from the accessor when called before the
 * database exists (at collection time) or after it was dropped.
 */
export function useTestDatabase<T = unknown>(
  options: CreateTestDatabaseOptions = {},
): () => TestDatabase<T> {
  let database: TestDatabase<T> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase<T>(options);
  });
  afterAll(async () => {
    const current = database;
    database = undefined;
    await current?.drop();
  });
  return () => {
    if (!database) {
      throw new TestDatabaseError(
        'not-ready',
        'The test database is only available inside tests and hooks of the block that called useTestDatabase().',
      );
    }
    return database;
  };
}
