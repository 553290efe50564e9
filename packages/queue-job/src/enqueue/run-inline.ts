import type { Env } from '@bindery/model';
import type { EnqueuedJob, PreparedJob } from '../engine/prepared-job.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import { autonomousRunner, jobEnv } from '../execute/job-env.js';
import { decodeJobValue } from '../jobs/job-value-codec.js';

/**
 * Run prepared jobs now, in order, each in a transaction of `env` (a savepoint when `env` is in
 * a transaction: no-delay mode runs them in the caller's transaction), with the arguments as
 * stored (frozen) and the enqueuer's user, company and allow-listed context replayed from the
 * stored snapshot. Errors propagate to the caller. @internal
 */
export async function runInline(
  runtime: QueueRuntime,
  env: Env,
  jobs: readonly PreparedJob[],
): Promise<EnqueuedJob[]> {
  const results: EnqueuedJob[] = [];
  for (const job of jobs) {
    await env.transaction(async (tx) => {
      const runEnv = jobEnv(runtime, tx, job.data, job.id);
      const info = {
        id: job.id,
        functionName: job.fn.name,
        description: job.data.description,
        channel: job.data.channel,
        priority: job.priority,
        retry: 1,
        maxRetries: job.data.maxRetries,
        graphId: job.data.graph,
        identityKey: job.identityKey,
        batchId: job.data.batch,
        createdAt: new Date(),
      };
      await job.fn.run(
        {
          env: runEnv,
          job: info,
          signal: new AbortController().signal,
          autonomous: autonomousRunner(runtime, env, job.data, job.id),
        },
        decodeJobValue(job.data.args, runtime.codecs) as never,
      );
    });
    results.push({
      id: job.id,
      functionName: job.fn.name,
      existing: false,
      graphId: job.data.graph,
      identityKey: job.identityKey,
    });
  }
  return results;
}
