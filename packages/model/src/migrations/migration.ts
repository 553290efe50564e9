import type { Kysely } from 'kysely';

/**
 * One schema change of an addon. `up` runs in its own transaction; its name is recorded once
 * applied and never run again. Names are unique within the addon, and the addon's list order
 * is the order of application.
 */
export interface Migration {
  readonly name: string;
  up(db: Kysely<unknown>): Promise<void>;
}
