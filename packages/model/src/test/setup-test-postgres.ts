import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { ensurePostgres } from '../postgres/index.js';
import { dropRunDatabases } from './test-database.js';
import { TEST_ADMIN_URL_ENV, TEST_RUN_ID_ENV } from './test-server.js';

/** Options of {@link setupTestPostgres}. */
export interface SetupTestPostgresOptions {
  /**
   * The server to use. Default: `DATABASE_URL` when set, otherwise a throwaway embedded server
   * (see `ensurePostgres`); `null` always starts the embedded server.
   */
  readonly databaseUrl?: string | null | undefined;
  /** Receives the embedded server's output, line by line. */
  readonly onLog?: ((line: string) => void) | undefined;
}

/**
 * The part of vitest's `TestProject` that {@link setupTestPostgres} uses: `provide`.
 */
export type TestPostgresProject = Pick<TestProject, 'provide'>;

/**
 * Vitest global setup: provides one PostgreSQL server for the whole test run.
 *
 * Uses `DATABASE_URL` when set, otherwise starts a throwaway embedded server (fresh data directory,
 * removed at the end). Publishes its admin URL and a run id to the workers in two ways: vitest's
 * `provide` (read with `inject('binderyTestAdminUrl')`, works whatever the pool) and the
 * environment variables `BINDERY_TEST_ADMIN_URL` / `BINDERY_TEST_RUN_ID` (inherited by workers
 * spawned afterwards and by programs the tests start). {@link createTestDatabase} finds it either way.
 *
 * @example
 * ```ts
 * // vitest.global-setup.ts — or reference "@bindery/model/test/global-setup" directly
 * import type { TestProject } from 'vitest/node';
 * import { setupTestPostgres } from '@bindery/model/test';
 * export default (project: TestProject) => setupTestPostgres(project);
 * ```
 *
 * @param project - vitest's project (the global setup's argument); omit it outside vitest.
 * @returns The teardown: drops test databases the run left behind (on a `DATABASE_URL` server),
 * stops the embedded server and removes its data. Idempotent.
 */
export async function setupTestPostgres(
  project?: TestPostgresProject,
  options: SetupTestPostgresOptions = {},
): Promise<() => Promise<void>> {
  const server = await ensurePostgres({
    persistent: false,
    databaseUrl: options.databaseUrl,
    onLog: options.onLog,
  });
  const runId = randomBytes(5).readUIntBE(0, 5).toString(36).padStart(8, '0');
  const previous = {
    url: process.env[TEST_ADMIN_URL_ENV],
    runId: process.env[TEST_RUN_ID_ENV],
  };
  project?.provide('binderyTestAdminUrl', server.url);
  project?.provide('binderyTestRunId', runId);
  process.env[TEST_ADMIN_URL_ENV] = server.url;
  process.env[TEST_RUN_ID_ENV] = runId;

  let teardown: Promise<void> | undefined;
  return () => {
    teardown ??= (async () => {
      try {
        // An embedded server's data goes away with it; a shared server keeps what is not dropped.
        if (!server.embedded) await dropRunDatabases(server.url, runId);
      } finally {
        restoreEnv(TEST_ADMIN_URL_ENV, previous.url);
        restoreEnv(TEST_RUN_ID_ENV, previous.runId);
        await server.stop();
      }
    })();
    return teardown;
  };
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
