import { Env } from '@bindery/model';
import type { StoredJobData } from '../engine/stored-job.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';

/**
 * The env a job runs in: `base`'s registries and database (or transaction), the enqueuer's user,
 * company and allow-listed context, plus `queueJobUuid` (QJ-72, QJ-41). @internal
 */
export function jobEnv(runtime: QueueRuntime, base: Env, data: StoredJobData, jobId: string): Env {
  return Env.restore(base, data.env, runtime.allowList).withContext({ queueJobUuid: jobId });
}

/** True when jobs must run at once instead of being stored (QJ-28). @internal */
export function mustRunWithoutDelay(runtime: QueueRuntime, env: Env): boolean {
  if (runtime.options.noDelay === true || env.context.queueJobNoDelay === true) return true;
  const flag = process.env['QUEUE_JOB__NO_DELAY'];
  return flag !== undefined && flag !== '' && flag !== '0' && flag.toLowerCase() !== 'false';
}
