import { RetryPatternError } from '../errors/retry-pattern-error.js';

/** Seconds to wait, or a `[min, max]` range to draw from (inclusive). */
export type RetryDelay = number | readonly [min: number, max: number];

/**
 * How long to postpone a retried job, by try number: `{ 1: 10, 5: 60, 10: [300, 600] }` means
 * tries 1–4 wait 10 s, 5–9 wait 60 s, 10 onwards a random 300–600 s.
 */
export type RetryPatternInput = Readonly<Record<number, RetryDelay>>;

/** A checked retry pattern: steps in ascending try order. */
export type RetryPattern = readonly (readonly [retry: number, delay: RetryDelay])[];

/** The delay when no pattern applies (queue_job's `RETRY_INTERVAL`), in seconds. */
export const RETRY_INTERVAL = 600;

/**
 * Check a retry pattern and sort its steps. Keys must be non-negative integers and values
 * non-negative integers of seconds or `[min, max]` with `min <= max`; otherwise
 * {@link RetryPatternError}.
 */
export function parseRetryPattern(input: RetryPatternInput | undefined): RetryPattern {
  if (input === undefined) return [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RetryPatternError('expected an object of try number to seconds');
  }
  const steps: (readonly [number, RetryDelay])[] = [];
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (!/^\d+$/.test(key)) throw new RetryPatternError('keys must be non-negative integers', key);
    steps.push([Number(key), checkDelay(key, value)]);
  }
  return Object.freeze(steps.sort((a, b) => a[0] - b[0]));
}

function checkDelay(key: string, value: unknown): RetryDelay {
  const isSeconds = (v: unknown): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (isSeconds(value)) return value;
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    isSeconds(value[0]) &&
    isSeconds(value[1]) &&
    value[0] <= value[1]
  ) {
    return Object.freeze([value[0], value[1]] as const);
  }
  throw new RetryPatternError('values must be seconds (a non-negative integer) or [min, max]', key);
}

/**
 * Seconds to postpone try number `retry` (1 for the first try): the value of the largest key not
 * above `retry`, else {@link RETRY_INTERVAL}. A `[min, max]` value draws an integer with `random`.
 */
export function retryDelaySeconds(
  pattern: RetryPattern,
  retry: number,
  random: () => number = Math.random,
): number {
  let delay: RetryDelay | undefined;
  for (const [key, value] of pattern) {
    if (key > retry) break;
    delay = value;
  }
  if (delay === undefined) return RETRY_INTERVAL;
  if (typeof delay === 'number') return delay;
  const [min, max] = delay;
  return min + Math.floor(random() * (max - min + 1));
}
