import { QueueJobError } from './queue-job-error.js';

const marker = Symbol.for('@bindery/queue-job.job-error');

/**
 * Base of the errors a job function throws to steer its own outcome (`RetryableJobError`,
 * `NothingToDoJob`, `FailedJobError`), and of `NoSuchJobError` (queue_job's `JobError`).
 */
export class JobError extends QueueJobError {
  /** @internal */
  readonly [marker] = true;

  /** True for any `JobError`, whichever copy of the package created it. */
  static override isInstance(error: unknown): error is JobError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
