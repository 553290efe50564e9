import { RetryableConnectorError } from './retryable-connector-error.js';

/** Details of a {@link RecordLockedError}. */
export interface RecordLockedDetails {
  /** The model whose rows were locked. */
  readonly model: string;
  /** The ids that could not all be locked. */
  readonly ids: readonly (string | number)[];
  /** Who tried: an exporter (`'export'`) or the record locker (`'lock'`). */
  readonly during: 'export' | 'lock';
  readonly seconds?: number | undefined;
  readonly ignoreRetry?: boolean | undefined;
  readonly cause?: unknown;
}

/**
 * A row lock (`SELECT ... FOR UPDATE NOWAIT`) failed because a concurrent transaction holds it:
 * another job is exporting or working on the same record. Retryable.
 */
export class RecordLockedError extends RetryableConnectorError {
  readonly model: string;
  readonly ids: readonly (string | number)[];
  readonly during: 'export' | 'lock';

  constructor(details: RecordLockedDetails) {
    const ids = details.ids.map(String).join(', ');
    const message =
      details.during === 'export'
        ? `A concurrent job is already exporting the same record (${details.model} with id ${ids}). The job will be retried later.`
        : `A concurrent job is already working on the same record (${details.model} with one id in [${ids}]). The job will be retried later.`;
    super(message, {
      seconds: details.seconds,
      ignoreRetry: details.ignoreRetry,
      cause: details.cause,
    });
    this.model = details.model;
    this.ids = Object.freeze([...details.ids]);
    this.during = details.during;
  }
}
