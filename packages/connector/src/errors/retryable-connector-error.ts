import { RetryableJobError, type RetryableJobErrorOptions } from '@bindery/queue-job';
import { markConnectorError } from './connector-error.js';

/**
 * Base of the connector errors that make a job retry later: a `RetryableJobError` of
 * `@bindery/queue-job` (the queue postpones the job by `seconds`, or by its retry pattern, and
 * `ignoreRetry` leaves the try counter unchanged) that is also a `ConnectorError`.
 */
export class RetryableConnectorError extends RetryableJobError {
  constructor(message: string, options: RetryableJobErrorOptions = {}) {
    super(message, options);
    this.name = new.target.name;
    markConnectorError(this);
  }
}
