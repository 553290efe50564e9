import type { Env } from '@bindery/model';
import type { EnqueuedJob, PreparedJob } from '../engine/prepared-job.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import { jobEnv } from '../execute/job-env.js';
import { decodeJobValue } from '../jobs/job-value-codec.js';

/**
 * No-delay mode: run prepared jobs now, in order, each in a savepoint of the caller's transaction,
 * with the arguments as stored (frozen). Errors propagate to the caller. @internal
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
        { env: runEnv, job: info, signal: new AbortController().signal },
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
