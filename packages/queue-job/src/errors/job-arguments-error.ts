import { QueueJobError } from './queue-job-error.js';

/** Why a value cannot be stored as a job argument. */
export type JobArgumentsErrorReason =
  | 'function'
  | 'symbol'
  | 'cycle'
  | 'bigint'
  | 'unsupported'
  | 'non-finite';

/**
 * Job arguments (or a result) that cannot be stored as JSON: a function, a symbol, a cycle, a
 * BigInt without a codec, a class instance no codec knows. Thrown at enqueue; nothing is stored.
 */
export class JobArgumentsError extends QueueJobError {
  /** Where the value sits, e.g. `args.order.lines[2]`. */
  readonly path: string;
  /** What kind of value it is. */
  readonly reason: JobArgumentsErrorReason;

  constructor(path: string, reason: JobArgumentsErrorReason, detail: string) {
    super(`Cannot store ${path}: ${detail}.`);
    this.path = path;
    this.reason = reason;
  }
}
