import type { IdentityKeyOption } from './identity-key.js';

/**
 * Options of one enqueue (queue_job's `with_delay(...)` / `delayable(...).set(...)`). Each
 * overrides the job function's default.
 */
export interface DelayOptions<TArgs = unknown> {
  /** 0 is the highest. @defaultValue the function's, else 10 */
  readonly priority?: number;
  /** Not before: a date, or a number of seconds from now. */
  readonly eta?: Date | number;
  /** Total number of tries; 0 means infinite. @defaultValue the function's, else 5 */
  readonly maxRetries?: number;
  /** Overrides the function's description. */
  readonly description?: string;
  /** Overrides the function's channel; must be a known channel. */
  readonly channel?: string;
  /**
   * Do not enqueue when a job with this key is waiting (wait_dependencies or pending): return that
   * job instead. A string, or a function of the job such as `identityExact`.
   */
  readonly identityKey?: IdentityKeyOption<TArgs>;
  /** Attach the job to this batch (`queue.batches.create`). */
  readonly batchId?: string;
}

/** The keys {@link DelayOptions} accepts (for `delayable.set`). */
export const DELAY_OPTION_KEYS: readonly string[] = Object.freeze([
  'priority',
  'eta',
  'maxRetries',
  'description',
  'channel',
  'identityKey',
  'batchId',
]);
