import { createHash } from 'node:crypto';
import type { JsonValue } from './job-value-codec.js';

/** What an identity key function receives. */
export interface IdentityKeyInput<TArgs> {
  /** The job function's name. */
  readonly functionName: string;
  /** The arguments as given. */
  readonly args: TArgs;
  /** The arguments as stored (frozen JSON form). */
  readonly storedArgs: JsonValue;
}

/** An identity key: a string, or a function computing it from the job. */
export type IdentityKeyOption<TArgs> = string | ((job: IdentityKeyInput<TArgs>) => string);

/**
 * The identity of "the same function with the same arguments" (queue_job's `identity_exact`):
 * a SHA-1 hex digest of the function name and the stored arguments, with object keys sorted.
 *
 * @example
 * ```ts
 * await jobs.delay(exportProduct, { id: 7 }, { identityKey: identityExact });
 * ```
 */
export function identityExact(job: IdentityKeyInput<unknown>): string {
  return createHash('sha1')
    .update(job.functionName)
    .update('\u0000')
    .update(stableStringify(job.storedArgs))
    .digest('hex');
}

/** JSON with object keys sorted, so equal values give equal text. */
export function stableStringify(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(value[key] as JsonValue)}`).join(',')}}`;
}

/** Resolve an identity key option to a key (or `undefined`). */
export function resolveIdentityKey<TArgs>(
  option: IdentityKeyOption<TArgs> | undefined,
  input: IdentityKeyInput<TArgs>,
): string | undefined {
  if (option === undefined) return undefined;
  const key = typeof option === 'function' ? option(input) : option;
  return key === '' ? undefined : key;
}
