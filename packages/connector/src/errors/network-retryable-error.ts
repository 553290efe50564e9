import type { RetryableJobErrorOptions } from '@bindery/queue-job';
import { RetryableConnectorError } from './retryable-connector-error.js';

/**
 * A network error while talking to the backend (timeout, connection reset, 5xx): the job is
 * retried later. Backend adapters throw it around their calls.
 */
export class NetworkRetryableError extends RetryableConnectorError {
  constructor(message: string, options: RetryableJobErrorOptions = {}) {
    super(message, options);
  }
}
