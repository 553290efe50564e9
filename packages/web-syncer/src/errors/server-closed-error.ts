import { WebSyncerError } from './web-syncer-error.js';

/** The web-syncer server was used after `close()` (or before `start()` where that is required). */
export class ServerClosedError extends WebSyncerError {
  /** What was attempted. */
  readonly operation: string;

  constructor(operation: string, state: 'closed' | 'not-started') {
    super(
      `web-syncer: cannot ${operation}: the server is ${state === 'closed' ? 'closed' : 'not started'}.`,
    );
    this.operation = operation;
  }
}
