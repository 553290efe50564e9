/**
 * Strict converters for {@link convert}: each throws on a value it cannot convert, which
 * `convert` reports as a `MappingError` (`invalid-value`).
 */

/** A finite number from a number or a numeric string. */
export function toNumber(value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number))
    throw new TypeError('not a finite number');
  return number;
}

/** A safe integer from an integer number or an integer string. */
export function toInteger(value: unknown): number {
  const number = toNumber(value);
  if (!Number.isSafeInteger(number)) throw new TypeError('not a safe integer');
  return number;
}

/** A decimal string (for numeric columns) from a number or a numeric string. */
export function toDecimalString(value: unknown): string {
  return String(toNumber(value));
}

/** A boolean from a boolean, `0`/`1`, or `'true'`/`'false'`/`'1'`/`'0'`. */
export function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  throw new TypeError('not a boolean');
}

/** A string from a string, number or bigint. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new TypeError('not a string');
}

/** A valid `Date` from a `Date`, an ISO 8601 string or epoch milliseconds. */
export function toDate(value: unknown): Date {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) throw new TypeError('not a valid date');
  return date;
}
