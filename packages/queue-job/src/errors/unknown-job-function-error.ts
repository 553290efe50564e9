import { QueueJobError } from './queue-job-error.js';

/** A job function name that no addon of the queue registers (at enqueue or at execution). */
export class UnknownJobFunctionError extends QueueJobError {
  /** The unknown name. */
  readonly functionName: string;

  constructor(functionName: string) {
    super(`Unknown job function '${functionName}': register it in an addon's 'jobs'.`);
    this.functionName = functionName;
  }
}
