import { triesOf, type StoredJobData } from '../engine/stored-job.js';
import type { JobInfo } from '../jobs/job-info.js';

/** A job a worker claimed (it is `started`). @internal */
export interface ClaimedJob {
  readonly id: string;
  /** pg-boss's attempt counter: fences every settle of this try. */
  readonly retryCount: number;
  readonly retryLimit: number;
  /** pg-boss priority (the opposite of queue_job's). */
  readonly priority: number;
  readonly data: StoredJobData;
  readonly createdOn: Date;
}

/** What the job function sees of itself. @internal */
export function claimedJobInfo(job: ClaimedJob): JobInfo {
  return {
    id: job.id,
    functionName: job.data.fn,
    description: job.data.description,
    channel: job.data.channel,
    priority: -job.priority,
    retry: triesOf({ retry_count: job.retryCount, started: true, data: job.data }),
    maxRetries: job.data.maxRetries,
    graphId: job.data.graph,
    identityKey: job.data.identityKey,
    batchId: job.data.batch,
    createdAt: job.createdOn,
  };
}
