import { WebSyncerError } from './web-syncer-error.js';

/** An option given to the server or the client is missing or invalid. */
export class SyncerOptionsError extends WebSyncerError {
  /** The option, e.g. `'url'` or `'maxEventBytes'`. */
  readonly option: string;
  /** What was expected instead. */
  readonly expected: string;

  constructor(option: string, expected: string, options?: ErrorOptions) {
    super(`Invalid web-syncer option '${option}': expected ${expected}.`, options);
    this.option = option;
    this.expected = expected;
  }
}
