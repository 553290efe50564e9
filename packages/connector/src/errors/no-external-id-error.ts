import { RetryableConnectorError } from './retryable-connector-error.js';

/** Details of a {@link NoExternalIdError}. */
export interface NoExternalIdDetails {
  /** The binding model (or local model) whose record has no external id yet. */
  readonly model: string;
  /** The record (binding or local record) without external id. */
  readonly recordId: string | number;
  /** Retry after this many seconds; the job's retry pattern when absent. */
  readonly seconds?: number;
}

/** No external id exists yet for a record another step needs (e.g. a parent not exported yet): retry later. */
export class NoExternalIdError extends RetryableConnectorError {
  readonly model: string;
  readonly recordId: string | number;

  constructor(details: NoExternalIdDetails) {
    super(
      `No external id found yet for ${details.model} ${String(details.recordId)}; the job will be retried later.`,
      { seconds: details.seconds },
    );
    this.model = details.model;
    this.recordId = details.recordId;
  }
}
