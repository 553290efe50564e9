import type { Kysely } from 'kysely';
import { readJobs } from '../engine/job-reader.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';

/** Call the queue's `onFailure` hook for a job that just failed for good; errors are reported. @internal */
export async function notifyFailure(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
  jobId: string,
  error: unknown,
): Promise<void> {
  const hook = runtime.options.onFailure;
  if (hook === undefined) return;
  try {
    const [job] = await readJobs(runtime, db, [jobId]);
    if (job !== undefined) await hook({ job, error });
  } catch (hookError) {
    runtime.reportError(hookError);
  }
}
