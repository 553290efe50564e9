import { ModelError } from './model-error.js';

/** A migration failed; its own transaction rolled back, earlier migrations stay applied. */
export class MigrationError extends ModelError {
  readonly addon: string;
  readonly migration: string;

  constructor(addon: string, migration: string, message: string, cause?: unknown) {
    super(
      `Migration ${addon}/${migration}: ${message}`,
      cause === undefined ? undefined : { cause },
    );
    this.addon = addon;
    this.migration = migration;
  }
}
