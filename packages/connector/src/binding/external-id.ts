import { InvalidExternalIdError } from '../errors/invalid-external-id-error.js';
import type { ExternalId } from './binding-row.js';

/**
 * The canonical (string) form of an external id: non-empty strings are kept, finite numbers and
 * bigints are stringified (`0` is valid); anything else throws {@link InvalidExternalIdError}.
 */
export function normalizeExternalId(model: string, value: unknown): ExternalId {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  throw new InvalidExternalIdError(model, value);
}
