// The Addon augmentation (models, migrations) must be part of every entry's program.
import type {} from '../model-addon.js';
import type { Addon } from '@bindery/component';
import { createHash } from 'node:crypto';
import { migrate } from '../migrations/migrate.js';
import type { TestDatabaseTemplate } from './test-database.js';

/**
 * A test database template with the migrations of `addons` applied (pass
 * `registries.addons`). Its key hashes the addons' migration names and code, so a template kept
 * on a long-lived server is rebuilt whenever a migration changes.
 */
export function migratedTemplate(
  addons: readonly Addon[],
  prefix = 'migrated',
): TestDatabaseTemplate {
  const hash = createHash('sha256');
  for (const addon of addons) {
    for (const migration of addon.migrations ?? [])
      hash.update(`${addon.name}\0${migration.name}\0${migration.up.toString()}\0`);
  }
  return {
    key: `${prefix}-${hash.digest('hex').slice(0, 16)}`,
    prepare: async (db) => {
      await migrate(db, addons);
    },
  };
}
