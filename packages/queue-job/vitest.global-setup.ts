import { setupTestPostgres } from '@bindery/model/test';
import type { TestProject } from 'vitest/node';

/** One PostgreSQL server per test run: DATABASE_URL, or an embedded server started here. */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setupTestPostgres(project);
}
