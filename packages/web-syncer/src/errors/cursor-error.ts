import { WebSyncerError } from './web-syncer-error.js';

/** A cursor string is not of the form `"<seq>"` or `"<seq>:<event id>"` (decimal digits). */
export class CursorError extends WebSyncerError {
  /** The value that was given. */
  readonly value: unknown;

  constructor(value: unknown) {
    super(
      `Invalid web-syncer cursor ${JSON.stringify(value) ?? String(value)}: expected "<seq>" or "<seq>:<id>".`,
    );
    this.value = value;
  }
}
