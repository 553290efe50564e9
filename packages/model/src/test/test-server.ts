import { inject } from 'vitest';
import { TestDatabaseError } from './test-database-error.js';

/** Environment variable carrying the test server's admin URL to workers and their children. */
export const TEST_ADMIN_URL_ENV = 'BINDERY_TEST_ADMIN_URL';
/** Environment variable carrying the id of the current test run. */
export const TEST_RUN_ID_ENV = 'BINDERY_TEST_RUN_ID';

declare module 'vitest' {
  /** Values published by `@bindery/model/test`'s global setup. */
  export interface ProvidedContext {
    /** Admin URL of the test run's PostgreSQL server (superuser or `CREATEDB` role). */
    binderyTestAdminUrl: string;
    /** Id of the test run; test databases are named after it. */
    binderyTestRunId: string;
  }
}

function injected(key: 'binderyTestAdminUrl' | 'binderyTestRunId'): string | undefined {
  try {
    return inject(key) || undefined;
  } catch {
    // Not inside a vitest worker.
    return undefined;
  }
}

/**
 * The admin URL of the test PostgreSQL server, for tests that need more than
 * {@link createTestDatabase} gives (e.g. creating roles). Looked up in order: the value provided by
 * the global setup (`inject('binderyTestAdminUrl')`), `BINDERY_TEST_ADMIN_URL`, `DATABASE_URL`.
 *
 * @throws {@link TestDatabaseError} (`no-server`) when none is set.
 */
export function getTestAdminUrl(): string {
  const url =
    injected('binderyTestAdminUrl') ||
    process.env[TEST_ADMIN_URL_ENV] ||
    process.env['DATABASE_URL'] ||
    undefined;
  if (url === undefined) {
    throw new TestDatabaseError(
      'no-server',
      'No test PostgreSQL server: add "@bindery/model/test/global-setup" to `test.globalSetup` in ' +
        'vitest.config (it starts one, or uses DATABASE_URL), or set DATABASE_URL.',
    );
  }
  return url;
}

/** The id of the current test run (`x` when no global setup published one). @internal */
export function getTestRunId(): string {
  return injected('binderyTestRunId') || process.env[TEST_RUN_ID_ENV] || 'x';
}
