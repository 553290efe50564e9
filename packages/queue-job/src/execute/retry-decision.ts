import { FailedJobError } from '../errors/failed-job-error.js';
import { RetryableJobError } from '../errors/retryable-job-error.js';
import { retryDelaySeconds, type RetryPattern } from '../jobs/retry-pattern.js';

/** What to do with a try that raised a retryable error. */
export type RetryDecision =
  | {
      readonly kind: 'postpone';
      readonly seconds: number;
      readonly ignoreRetry: boolean;
      readonly message: string;
    }
  | { readonly kind: 'fail'; readonly error: FailedJobError };

/** The facts of the try. */
export interface RetryFacts {
  /** The try that failed, from 1 (queue_job's `retry` after it was incremented). */
  readonly retry: number;
  /** Total tries allowed; 0 is infinite. */
  readonly maxRetries: number;
  /** The job function's retry pattern. */
  readonly pattern: RetryPattern;
}

/**
 * queue_job's rules (QJ-41, QJ-43): an ignored retry postpones without counting; with infinite
 * tries or tries left it postpones by the error's seconds or the pattern; the last try fails with
 * "Max. retries (N) reached: ...".
 */
export function decideRetry(
  error: RetryableJobError,
  facts: RetryFacts,
  random: () => number = Math.random,
): RetryDecision {
  const message = error.message;
  if (!error.ignoreRetry && facts.maxRetries !== 0 && facts.retry >= facts.maxRetries) {
    return {
      kind: 'fail',
      error: new FailedJobError(`Max. retries (${facts.maxRetries}) reached: ${message}`, {
        cause: error,
      }),
    };
  }
  const retry = error.ignoreRetry ? facts.retry - 1 : facts.retry;
  const seconds = error.seconds ?? retryDelaySeconds(facts.pattern, retry, random);
  return { kind: 'postpone', seconds, ignoreRetry: error.ignoreRetry, message };
}

/** The retryable form of a job's error, or `undefined` when it must fail at once. */
export function asRetryable(
  error: unknown,
  isDatabaseConcurrency: boolean,
  seconds: number,
): RetryableJobError | undefined {
  if (RetryableJobError.isInstance(error)) return error;
  if (!isDatabaseConcurrency) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new RetryableJobError(message, { seconds, cause: error });
}
