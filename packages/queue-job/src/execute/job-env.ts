import { Env } from '@bindery/model';
import type { StoredJobData } from '../engine/stored-job.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import { QueueStateError } from '../errors/queue-state-error.js';
import type { JobRunContext } from '../jobs/job-definition.js';

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

/**
 * The `autonomous` of a job's run context: `fn` in a transaction of `base` (which must not be in
 * a transaction itself), with the job's user, company and allow-listed context. @internal
 */
export function autonomousRunner(
  runtime: QueueRuntime,
  base: Env,
  data: StoredJobData,
  jobId: string,
): JobRunContext['autonomous'] {
  return autonomousOn(jobEnv(runtime, base, data, jobId));
}

/** `autonomous` over `env` itself (inline runs): `fn` in a transaction of `env`. @internal */
export function autonomousOn(env: Env): JobRunContext['autonomous'] {
  return async (fn) => {
    if (env.inTransaction) {
      throw new QueueStateError(
        'autonomous() needs a database outside the job transaction: run the job on a worker, or perform trapped jobs with an env that is not in a transaction.',
      );
    }
    return env.transaction(fn);
  };
}
