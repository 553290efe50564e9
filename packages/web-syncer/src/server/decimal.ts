import { compareDecimal } from '../protocol/cursor.js';

/** `value + 1` for a non-negative decimal string. @internal */
export function incrementDecimal(value: string): string {
  return (BigInt(value) + 1n).toString();
}

/** The larger of two non-negative decimal strings. @internal */
export function maxDecimal(a: string, b: string): string {
  return compareDecimal(a, b) >= 0 ? a : b;
}

/** `a <= b` for non-negative decimal strings. @internal */
export function decimalAtMost(a: string, b: string): boolean {
  return compareDecimal(a, b) <= 0;
}
