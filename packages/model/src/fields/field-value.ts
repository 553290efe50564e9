import { FieldValueError } from '../errors/field-value-error.js';
import type { FieldDefinition } from './field-definition.js';

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Check a value against its field and convert it to what the driver stores (decimal strings,
 * JSON text, dates). `null` passes unless the field is required. Throws `FieldValueError`.
 */
export function toColumnValue(
  model: string,
  name: string,
  definition: FieldDefinition,
  value: unknown,
): unknown {
  if (value === null) {
    if (definition.required)
      throw new FieldValueError(model, name, value, 'a value (the field is required)');
    return null;
  }
  const fail = (expected: string): never => {
    throw new FieldValueError(model, name, value, expected);
  };
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' ? value : fail('a string');
    case 'integer':
      return isInteger(value) ? value : fail('an integer');
    case 'id':
    case 'many2one':
      return isId(value) ? value : fail('a record id (positive integer)');
    case 'numeric':
      return toDecimal(value) ?? fail('a decimal string or a finite number');
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('a boolean');
    case 'date':
      return toDate(value) ?? fail("a 'YYYY-MM-DD' string or a valid Date");
    case 'datetime':
      return toDateTime(value) ?? fail('a valid Date or an ISO 8601 string');
    case 'json':
      return toJson(value) ?? fail('a JSON-serialisable value');
    case 'one2many':
    case 'many2many':
      return fail('no value: x2many fields are written through the related model');
  }
}

function isInteger(value: unknown): boolean {
  return (typeof value === 'number' && Number.isSafeInteger(value)) || typeof value === 'bigint';
}

function isId(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0;
  if (typeof value === 'bigint') return value > 0n;
  return typeof value === 'string' && /^[1-9]\d*$/.test(value);
}

function toDecimal(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return DECIMAL.test(trimmed) ? trimmed : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

function toDate(value: unknown): string | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string' || !DATE.test(value)) return undefined;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value)
    ? value
    : undefined;
}

function toDateTime(value: unknown): Date | undefined {
  const parsed =
    value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  return parsed !== undefined && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
}

function toJson(value: unknown): string | undefined {
  if (typeof value === 'function' || typeof value === 'symbol' || value === undefined)
    return undefined;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // cycles, BigInt
  }
}
