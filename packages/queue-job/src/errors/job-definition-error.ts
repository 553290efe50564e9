import { QueueJobError } from './queue-job-error.js';

/** An invalid job function definition (name, options) or a name registered twice. */
export class JobDefinitionError extends QueueJobError {
  /** The job function's name. */
  readonly functionName: string;

  constructor(functionName: string, reason: string) {
    super(`Job function '${functionName}': ${reason}.`);
    this.functionName = functionName;
  }
}
