import { RetryableConnectorError } from './retryable-connector-error.js';

/** Details of a {@link ConcurrentCreateError}. */
export interface ConcurrentCreateDetails {
  readonly model: string;
  /** The unique constraint PostgreSQL reported. */
  readonly constraint: string | undefined;
  readonly cause: unknown;
}

/**
 * A unique violation on a binding table: two jobs created the same binding at the same time
 * (upstream `_retry_unique_violation`). The failed transaction rolled back; retrying finds the
 * binding the other job created.
 */
export class ConcurrentCreateError extends RetryableConnectorError {
  readonly model: string;
  readonly constraint: string | undefined;

  constructor(details: ConcurrentCreateDetails) {
    const reason = details.cause instanceof Error ? details.cause.message : String(details.cause);
    super(
      `A database error caused the failure of the job:\n${reason}\n\n` +
        'Likely due to 2 concurrent jobs wanting to create the same record. The job will be retried later.',
      { cause: details.cause },
    );
    this.model = details.model;
    this.constraint = details.constraint;
  }
}
