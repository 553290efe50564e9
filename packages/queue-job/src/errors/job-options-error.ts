import { QueueJobError } from './queue-job-error.js';

/** An invalid enqueue option (`priority`, `eta`, `maxRetries`, an unknown `set()` key...). */
export class JobOptionsError extends QueueJobError {
  /** The option at fault. */
  readonly option: string;

  constructor(option: string, reason: string) {
    super(`Invalid job option '${option}': ${reason}.`);
    this.option = option;
  }
}
