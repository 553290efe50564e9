import type { EnvSnapshot } from '@bindery/model';
import type { JsonValue } from '../jobs/job-value-codec.js';

/** What the job row's `data` holds (pg-boss's opaque payload). @internal */
export interface StoredJobData {
  /** Job function name. */
  readonly fn: string;
  /** Encoded arguments. */
  readonly args: JsonValue;
  readonly description: string;
  readonly channel: string;
  readonly maxRetries: number;
  /** Insertion order, the last sort key. */
  readonly seq: number;
  /** The enqueuer's user, company and allow-listed context. */
  readonly env: EnvSnapshot;
  readonly graph?: string;
  readonly identityKey?: string;
  readonly batch?: string;
  /** Tries that ended with an ignored retry (they do not count). */
  readonly ignoredRetries?: number;
}

/** What the job row's `output` holds. @internal */
export interface StoredJobOutput {
  /** Result: the encoded return value or a message. */
  readonly result?: JsonValue;
  readonly excName?: string;
  readonly excMessage?: string;
  readonly excInfo?: string;
}

/** The raw job columns the package reads. @internal */
export interface JobRow {
  readonly id: string;
  readonly state: string;
  readonly blocked: boolean;
  readonly priority: number;
  readonly data: StoredJobData;
  readonly output: StoredJobOutput | null;
  readonly retry_count: number;
  readonly retry_limit: number;
  readonly start_after: Date;
  readonly created_on: Date;
  readonly started_on: Date | null;
  readonly completed_on: Date | null;
  readonly group_id: string | null;
  readonly singleton_key: string | null;
}

/** Base of `retry_limit` for a job with infinite tries (0): far above any real count. @internal */
export const INFINITE_RETRY_BASE = 1_000_000_000;

/** pg-boss's `retry_limit` for a job allowed `maxRetries` tries in total. @internal */
export function baseRetryLimit(maxRetries: number): number {
  return maxRetries === 0 ? INFINITE_RETRY_BASE : maxRetries - 1;
}

/**
 * queue_job's try number (`retry`): pg-boss counts re-claims in `retry_count`, minus the tries
 * whose retry was ignored. 0 before the first start. @internal
 */
export function triesOf(row: {
  readonly retry_count: number;
  readonly started: boolean;
  readonly data: StoredJobData;
}): number {
  return row.started ? row.retry_count + 1 - (row.data.ignoredRetries ?? 0) : 0;
}
