import type { Env } from '@bindery/model';

/**
 * An env whose enqueues run the jobs at once, in a savepoint of its transaction, instead of
 * storing them (queue_job's `queue_job__no_delay`; graphs run in topological order). The queue
 * option `noDelay` and the environment variable `QUEUE_JOB__NO_DELAY=1` do the same for every env.
 */
export function withoutDelay(env: Env): Env {
  return env.withContext({ queueJobNoDelay: true });
}
