import { JobError } from './job-error.js';

const marker = Symbol.for('@bindery/queue-job.failed-job-error');

/**
 * The job failed for good: thrown by a job to fail without retrying, and stored when a
 * `RetryableJobError` hits `maxRetries` ("Max. retries (3) reached: ...").
 */
export class FailedJobError extends JobError {
  /** @internal */
  readonly [marker] = true;

  /** True for any `FailedJobError`, whichever copy of the package created it. */
  static override isInstance(error: unknown): error is FailedJobError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
