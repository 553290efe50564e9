import { defineAddon, type Addon } from '@bindery/component';
import { modelAddon } from '@bindery/model';
import type { JobFunction } from './jobs/job-definition.js';
import { queueJobMigrations } from './migrations/queue-job-migrations.js';

declare module '@bindery/component' {
  interface Addon {
    /** Job functions this addon defines (`@bindery/queue-job`). */
    readonly jobs?: readonly JobFunction<never, unknown>[];
    /** Channels this addon's jobs may be sent to, e.g. `'root.shop.orders'` (`@bindery/queue-job`). */
    readonly channels?: readonly string[];
  }
}

/**
 * The `queue-job` addon: its tables (migrations) and the `root` channel. Addons with job functions
 * depend on it and list them in `jobs`.
 *
 * @example
 * ```ts
 * export const shopAddon = defineAddon({
 *   name: 'shop',
 *   depends: [queueJobAddon],
 *   jobs: [importOrder],
 *   channels: ['root.shop'],
 * });
 * ```
 */
export const queueJobAddon: Addon = defineAddon({
  name: 'queue-job',
  depends: [modelAddon],
  migrations: queueJobMigrations,
  channels: ['root'],
});
