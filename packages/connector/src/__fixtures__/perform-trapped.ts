import type { Env } from '@bindery/model';
import type { JobFunction } from '@bindery/queue-job';
import type { JobsTrap } from '@bindery/queue-job/test';

/**
 * Perform the trapped jobs in `env`, each in its own transaction, in order (jobs they enqueue are
 * trapped and performed too). `trap.performEnqueuedJobs()` runs a job in the env it was enqueued
 * in, which fails for jobs enqueued by a record listener: the listener's transaction has
 * committed by then.
 */
export async function performTrapped(trap: JobsTrap, env: Env): Promise<unknown[]> {
  const functions = new Map<string, JobFunction<never, unknown>>();
  for (const addon of env.components.addons)
    for (const job of addon.jobs ?? []) functions.set(job.name, job);
  const results: unknown[] = [];
  while (trap.enqueuedJobs.length > 0) {
    const [job] = trap.enqueuedJobs.splice(0, 1);
    if (job === undefined) break;
    const fn = functions.get(job.functionName) as JobFunction<unknown, unknown>;
    results.push(
      await env.transaction((tx) =>
        Promise.resolve(
          fn.run(
            {
              env: tx,
              job: jobInfo(job.id, job.functionName),
              signal: new AbortController().signal,
            },
            job.args,
          ),
        ),
      ),
    );
  }
  return results;
}

function jobInfo(id: string, functionName: string) {
  return {
    id,
    functionName,
    description: functionName,
    channel: 'root',
    priority: 10,
    retry: 1,
    maxRetries: 5,
    graphId: undefined,
    identityKey: undefined,
    batchId: undefined,
    createdAt: new Date(),
  };
}
