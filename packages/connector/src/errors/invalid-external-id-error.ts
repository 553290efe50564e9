import { ConnectorError } from './connector-error.js';

/**
 * An external id that cannot be stored: external ids are non-empty strings or finite numbers
 * (`0` is valid); `null`, `undefined`, `''` and anything else are refused.
 */
export class InvalidExternalIdError extends ConnectorError {
  /** The binding model. */
  readonly model: string;
  readonly value: unknown;

  constructor(model: string, value: unknown) {
    super(
      `Invalid external id for ${model}: ${describe(value)} (expected a non-empty string or a finite number).`,
    );
    this.model = model;
    this.value = value;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
