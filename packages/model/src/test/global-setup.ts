import type { TestProject } from 'vitest/node';
import { setupTestPostgres } from './setup-test-postgres.js';

/**
 * Ready-made vitest global setup: one PostgreSQL server for the test run ({@link setupTestPostgres}).
 *
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['@bindery/model/test/global-setup'] } });
 * ```
 *
 * Set `BINDERY_TEST_POSTGRES_LOG=1` to print the embedded server's output.
 */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = process.env['BINDERY_TEST_POSTGRES_LOG'];
  return setupTestPostgres(project, {
    onLog: log ? (line) => void process.stderr.write(`[postgres] ${line}\n`) : undefined,
  });
}
