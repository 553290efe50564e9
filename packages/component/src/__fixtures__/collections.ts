import type { Collection } from '../work-context.js';

/** A backend-like collection for tests. */
export function collection(name: string, env: unknown = { kind: 'env' }): Collection {
  return { name, env };
}
