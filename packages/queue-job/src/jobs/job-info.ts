import type { JobState } from './job-state.js';

/** What a job knows about itself while it runs (and what the admin API lists). */
export interface JobInfo {
  /** The job's id (queue_job's uuid; pg-boss's job id). */
  readonly id: string;
  /** The job function's name. */
  readonly functionName: string;
  /** Human description. */
  readonly description: string;
  /** Complete channel name. */
  readonly channel: string;
  /** 0 is the highest; default 10. */
  readonly priority: number;
  /** The current try, from 1 (queue_job's `retry` while performing). */
  readonly retry: number;
  /** Total number of tries allowed; 0 means infinite. */
  readonly maxRetries: number;
  /** The graph this job belongs to, if any. */
  readonly graphId: string | undefined;
  /** The identity key, if any. */
  readonly identityKey: string | undefined;
  /** The batch this job belongs to, if any. */
  readonly batchId: string | undefined;
  /** When it was created. */
  readonly createdAt: Date;
}

/** A stored job as the admin API returns it. */
export interface JobRecord extends JobInfo {
  readonly state: JobState;
  /** Not before this time. */
  readonly eta: Date;
  /** The decoded arguments. */
  readonly args: unknown;
  /** `String`-able result: the return value, or a message (postponed, nothing to do, set done, cancelled). */
  readonly result: unknown;
  /** Failure: the error's class name. */
  readonly excName: string | undefined;
  /** Failure: the error's message. */
  readonly excMessage: string | undefined;
  /** Failure: the stack trace. */
  readonly excInfo: string | undefined;
  readonly startedAt: Date | undefined;
  /** When it became done, cancelled or failed. */
  readonly endedAt: Date | undefined;
  /** Seconds from start to end, when both are known. */
  readonly execTime: number | undefined;
  /** The user who enqueued it. */
  readonly userId: string | number | undefined;
  /** The company it was enqueued for. */
  readonly companyId: string | number | undefined;
}
