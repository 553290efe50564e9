import { QueueJobError } from './queue-job-error.js';

/** An invalid retry pattern: keys must be positive integers, values seconds or `[min, max]`. */
export class RetryPatternError extends QueueJobError {
  /** The key at fault, when one is. */
  readonly key: string | undefined;

  constructor(reason: string, key?: string) {
    super(`Invalid retry pattern${key === undefined ? '' : ` at key ${key}`}: ${reason}.`);
    this.key = key;
  }
}
