/**
 * Test support: one PostgreSQL server per test run (vitest global setup) and an isolated database
 * per test file, cloned from a template prepared once.
 *
 * Requires `vitest` (an optional peer dependency of `@bindery/model`).
 *
 * @packageDocumentation
 */
export {
  setupTestPostgres,
  type SetupTestPostgresOptions,
  type TestPostgresProject,
} from './setup-test-postgres.js';
export {
  createTestDatabase,
  dropTestTemplate,
  type CreateTestDatabaseOptions,
  type TestDatabase,
  type TestDatabaseTemplate,
} from './test-database.js';
export { migratedTemplate } from './migrated-template.js';
export { useTestDatabase } from './use-test-database.js';
export { createTestKysely } from './admin.js';
export { getTestAdminUrl, TEST_ADMIN_URL_ENV, TEST_RUN_ID_ENV } from './test-server.js';
export { TestDatabaseError, type TestDatabaseErrorStep } from './test-database-error.js';
