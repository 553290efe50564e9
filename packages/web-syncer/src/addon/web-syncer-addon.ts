import { defineAddon, type Addon } from '@bindery/component';
import { modelAddon } from '@bindery/model';
import { outboxMigrations } from '../schema/outbox-migrations.js';
import { WebSyncerListener } from './web-syncer-listener.js';
import './web-syncer-addon-options.js';

/**
 * The `web-syncer` addon: the outbox tables (migrations) and the record-event listener that
 * writes them. Apps list it (or an addon depending on it) in `buildAppRegistries`, run
 * `migrate`, and mark models with `implementsSyncer`.
 *
 * @example
 * ```ts
 * const registries = buildAppRegistries([webSyncerAddon, projectAddon]);
 * await migrate(db, registries.addons);
 * ```
 */
export const webSyncerAddon: Addon = defineAddon({
  name: 'web-syncer',
  depends: [modelAddon],
  components: [WebSyncerListener],
  migrations: outboxMigrations,
});
