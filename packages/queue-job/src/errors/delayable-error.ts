import { QueueJobError } from './queue-job-error.js';

/** Why a graph cannot be delayed. */
export type DelayableErrorCode =
  | 'two-graphs'
  | 'already-delayed'
  | 'not-top-most'
  | 'cycle'
  | 'empty';

/** A graph of delayables that cannot be stored (mixed graphs, a cycle, delayed twice...). */
export class DelayableError extends QueueJobError {
  /** What is wrong. */
  readonly code: DelayableErrorCode;

  constructor(code: DelayableErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
