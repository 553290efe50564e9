import { ConnectorError } from './connector-error.js';

/** Why a mapping failed. */
export type MappingErrorCode =
  | 'no-external-id'
  | 'unknown-external-id'
  | 'not-many2one'
  | 'unknown-field'
  | 'invalid-value'
  | 'invalid-result';

/** Details of a {@link MappingError}. */
export interface MappingErrorDetails {
  readonly code: MappingErrorCode;
  /** The model the mapper works on. */
  readonly model: string;
  /** The source field (or mapping method) at fault. */
  readonly field: string;
  /** The offending value, if any. */
  readonly value?: unknown;
  readonly message: string;
  readonly cause?: unknown;
}

/**
 * A mapping transformation failed: a relation without external id (`m2oToExternal`), an
 * external id with no local record (`externalToM2o`), a value a converter refuses, a mapping
 * method returning something other than an object.
 */
export class MappingError extends ConnectorError {
  readonly code: MappingErrorCode;
  readonly model: string;
  readonly field: string;
  readonly value: unknown;

  constructor(details: MappingErrorDetails) {
    super(details.message, { cause: details.cause });
    this.code = details.code;
    this.model = details.model;
    this.field = details.field;
    this.value = details.value;
  }
}
