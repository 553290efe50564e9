import { ConnectorError } from './connector-error.js';

/** Details of an {@link InvalidDataError}. */
export interface InvalidDataDetails {
  /** The model the data was meant for. */
  readonly model: string;
  /** The external id of the record being imported or exported, when known. */
  readonly externalId?: string | undefined;
  /** The field at fault, when known. */
  readonly field?: string | undefined;
  /** What is wrong. */
  readonly reason: string;
  /** The underlying error (a `FieldValueError`, `ConstraintError`...), if any. */
  readonly cause?: unknown;
}

/**
 * Data refused before (or while) creating or writing a record: a validation hook said no
 * (`validateData`, `validateCreateData`...), or the data layer rejected a value (wrong type,
 * missing required field, constraint). The transaction of the import rolled back.
 */
export class InvalidDataError extends ConnectorError {
  readonly model: string;
  readonly externalId: string | undefined;
  readonly field: string | undefined;
  readonly reason: string;

  constructor(details: InvalidDataDetails) {
    const where = details.externalId === undefined ? '' : ` (external id ${details.externalId})`;
    super(`Data Invalid for ${details.model}${where}: ${details.reason}`, { cause: details.cause });
    this.model = details.model;
    this.externalId = details.externalId;
    this.field = details.field;
    this.reason = details.reason;
  }
}
