import { ModelError } from './model-error.js';

/** A value that does not fit its field (wrong type, missing required value, not writable). */
export class FieldValueError extends ModelError {
  readonly model: string;
  readonly field: string;
  readonly value: unknown;
  /** What the field expects, e.g. `'integer'`, `'decimal string'`, `'a value (required)'`. */
  readonly expected: string;

  constructor(model: string, field: string, value: unknown, expected: string) {
    super(`Invalid value for ${model}.${field}: expected ${expected}, got ${describe(value)}.`);
    this.model = model;
    this.field = field;
    this.value = value;
    this.expected = expected;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}' (string)`;
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'function') return 'a function';
  return `${String(value as string | number | boolean | bigint | symbol)} (${typeof value})`;
}
