import { RetryableConnectorError } from './retryable-connector-error.js';

/**
 * `advisoryLockOrRetry` could not take a PostgreSQL advisory lock another transaction holds
 * (typically two jobs importing the same record). Retryable, without counting the try.
 */
export class AdvisoryLockError extends RetryableConnectorError {
  /** The lock name (hashed to the advisory lock key). */
  readonly lock: string;

  constructor(lock: string, seconds: number) {
    super(`Could not acquire advisory lock '${lock}'`, { seconds, ignoreRetry: true });
    this.lock = lock;
  }
}
