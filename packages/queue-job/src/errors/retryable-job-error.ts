import { JobError } from './job-error.js';

const marker = Symbol.for('@bindery/queue-job.retryable-job-error');

/** Options of {@link RetryableJobError}. */
export interface RetryableJobErrorOptions extends ErrorOptions {
  /**
   * Postpone by this many seconds. When absent, the job function's retry pattern decides
   * (600 s without a pattern).
   */
  readonly seconds?: number | undefined;
  /** Do not count this try against `maxRetries`: the job retries as if it had not run. */
  readonly ignoreRetry?: boolean | undefined;
}

/**
 * Throw it from a job to have the job postponed and tried again (the only error that retries).
 * The job's database writes of this try are rolled back.
 *
 * @example
 * ```ts
 * if (response.status === 429) throw new RetryableJobError('Rate limited', { seconds: 30 });
 * ```
 */
export class RetryableJobError extends JobError {
  /** @internal */
  readonly [marker] = true;
  /** Postpone delay in seconds, or `undefined` to use the retry pattern. */
  readonly seconds: number | undefined;
  /** True when this try does not count against `maxRetries`. */
  readonly ignoreRetry: boolean;

  constructor(message: string, options: RetryableJobErrorOptions = {}) {
    super(message, options);
    this.seconds = options.seconds;
    this.ignoreRetry = options.ignoreRetry ?? false;
  }

  /** True for any `RetryableJobError`, whichever copy of the package created it. */
  static override isInstance(error: unknown): error is RetryableJobError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
