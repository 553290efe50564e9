import type { Env } from '@bindery/model';
import type { EnqueuedJob } from '../engine/prepared-job.js';
import { autonomousOn } from '../execute/job-env.js';
import { JobEnqueuer } from './job-enqueuer.js';
import type { DelayOptions } from '../jobs/delay-options.js';
import type { JobFunction } from '../jobs/job-definition.js';
import type { JobInfo } from '../jobs/job-info.js';
import type { QueueJob } from '../queue-job.js';

/** Options of {@link autoDelay}. */
export interface AutoDelayOptions<TArgs> {
  /**
   * Run at once (instead of enqueuing) unless the env's context has this key set: a caller that
   * wants the job says so with `env.withContext({ [key]: true })`.
   */
  readonly contextKey?: string;
  /** Enqueue options computed from the arguments (queue_job's `<method>_job_options`). */
  readonly options?: (args: TArgs) => DelayOptions<TArgs>;
}

/** What an auto-delayed call did. */
export type AutoDelayResult<TResult> =
  | { readonly enqueued: EnqueuedJob }
  | { readonly ran: TResult };

/**
 * A function that enqueues `fn` when called, or runs it at once inside a job (context
 * `queueJobUuid`), when its context key is absent, or in no-delay mode (queue_job's
 * `_patch_job_auto_delay`, QJ-27).
 *
 * @example
 * ```ts
 * const exportPartner = autoDelay(queue, exportPartnerJob, { options: (args) => ({ identityKey: `partner-${args.id}` }) });
 * await exportPartner(env, { id: 7 });
 * ```
 */
export function autoDelay<TArgs, TResult>(
  queue: QueueJob,
  fn: JobFunction<TArgs, TResult>,
  options: AutoDelayOptions<TArgs> = {},
): (env: Env, args: TArgs) => Promise<AutoDelayResult<Awaited<TResult>>> {
  return async (env, args): Promise<AutoDelayResult<Awaited<TResult>>> => {
    const context = env.context as Readonly<Record<string, unknown>>;
    const inline =
      context['queueJobUuid'] !== undefined ||
      (options.contextKey !== undefined && context[options.contextKey] === undefined);
    if (inline) {
      const ran = await env.transaction(async (tx) =>
        fn.run(
          {
            env: tx,
            job: inlineInfo(fn),
            signal: new AbortController().signal,
            autonomous: autonomousOn(env),
          },
          args,
        ),
      );
      return { ran };
    }
    const enqueued = await new JobEnqueuer(queue.runtime, env).delay(
      fn,
      args,
      options.options?.(args) ?? {},
    );
    return { enqueued };
  };
}

function inlineInfo<TArgs, TResult>(fn: JobFunction<TArgs, TResult>): JobInfo {
  return {
    id: '',
    functionName: fn.name,
    description: fn.description,
    channel: fn.channel,
    priority: fn.priority,
    retry: 1,
    maxRetries: fn.maxRetries,
    graphId: undefined,
    identityKey: undefined,
    batchId: undefined,
    createdAt: new Date(),
  };
}
