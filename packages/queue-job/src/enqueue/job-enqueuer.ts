import type { Env } from '@bindery/model';
import { storeGraph } from '../engine/job-store.js';
import { prepareJob, type EnqueuedJob, type PreparedJob } from '../engine/prepared-job.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import { UnknownJobFunctionError } from '../errors/unknown-job-function-error.js';
import { mustRunWithoutDelay } from '../execute/job-env.js';
import { Delayable, type GraphStore } from '../graph/delayable.js';
import type { DelayOptions } from '../jobs/delay-options.js';
import type { JobFunction } from '../jobs/job-definition.js';
import type { JobArgs, JobName } from '../jobs/jobs-by-name.js';
import { runInline } from './run-inline.js';

/**
 * Enqueues jobs in an env's transaction (queue_job's `with_delay` / `delayable`). Made by
 * `queue.for(env)`. A job exists if and only if the env's transaction commits.
 *
 * @example
 * ```ts
 * await env.transaction(async (tx) => {
 *   await tx.model('sale.order').write(id, { state: 'sale' });
 *   await queue.for(tx).delay(exportOrder, { orderId: id }, { priority: 5, identityKey: identityExact });
 * });
 * ```
 */
export class JobEnqueuer implements GraphStore {
  /** @internal */
  readonly runtime: QueueRuntime;
  /** The env the jobs are enqueued in. */
  readonly env: Env;

  /** @internal Use `queue.for(env)`. */
  constructor(runtime: QueueRuntime, env: Env) {
    this.runtime = runtime;
    this.env = env;
  }

  /**
   * Store one job. With an identity key that a waiting job already holds, nothing is stored and
   * that job is returned (`existing: true`). Bad input throws before anything is stored.
   */
  delay<TName extends JobName>(
    fn: TName,
    args: JobArgs<TName>,
    options?: DelayOptions<JobArgs<TName>>,
  ): Promise<EnqueuedJob>;
  delay<TArgs>(
    fn: JobFunction<TArgs, unknown>,
    args: NoInfer<TArgs>,
    options?: DelayOptions<NoInfer<TArgs>>,
  ): Promise<EnqueuedJob>;
  async delay(
    fn: string | JobFunction<never, unknown>,
    args: unknown,
    options: DelayOptions = {},
  ): Promise<EnqueuedJob> {
    const prepared = prepareJob<unknown>(this.runtime, this.env, {
      fn: this.#resolve(fn) as unknown as JobFunction<unknown, unknown>,
      args,
      options,
    });
    const [result] = await this.store([prepared], [], undefined);
    return result as EnqueuedJob;
  }

  /** Store many jobs of one function in one statement (no graph); the same options for each. */
  delayMany<TName extends JobName>(
    fn: TName,
    argsList: readonly JobArgs<TName>[],
    options?: DelayOptions<JobArgs<TName>>,
  ): Promise<EnqueuedJob[]>;
  delayMany<TArgs>(
    fn: JobFunction<TArgs, unknown>,
    argsList: readonly NoInfer<TArgs>[],
    options?: DelayOptions<NoInfer<TArgs>>,
  ): Promise<EnqueuedJob[]>;
  async delayMany(
    fn: string | JobFunction<never, unknown>,
    argsList: readonly unknown[],
    options: DelayOptions = {},
  ): Promise<EnqueuedJob[]> {
    const resolved = this.#resolve(fn) as unknown as JobFunction<unknown, unknown>;
    const prepared = argsList.map((args) =>
      prepareJob(this.runtime, this.env, { fn: resolved, args, options }),
    );
    if (prepared.length === 0) return [];
    return this.store(prepared, [], undefined);
  }

  /** A job to combine into a graph with `onDone`, `chain` and `group`; stored by `delay()`. */
  delayable<TName extends JobName>(
    fn: TName,
    args: JobArgs<TName>,
    options?: DelayOptions<JobArgs<TName>>,
  ): Delayable<JobArgs<TName>>;
  delayable<TArgs>(
    fn: JobFunction<TArgs, unknown>,
    args: NoInfer<TArgs>,
    options?: DelayOptions<NoInfer<TArgs>>,
  ): Delayable<TArgs>;
  delayable(
    fn: string | JobFunction<never, unknown>,
    args: unknown,
    options: DelayOptions = {},
  ): Delayable<unknown> {
    return new Delayable<unknown>(
      this,
      this.#resolve(fn) as unknown as JobFunction<unknown, unknown>,
      args,
      options,
    );
  }

  /** @internal Store prepared jobs (or run them now in no-delay mode). */
  async store(
    jobs: readonly PreparedJob[],
    edges: readonly (readonly [string, string])[],
    graphId: string | undefined,
  ): Promise<EnqueuedJob[]> {
    if (mustRunWithoutDelay(this.runtime, this.env) && this.runtime.trap === undefined) {
      return runInline(this.runtime, this.env, jobs);
    }
    return storeGraph(this.runtime, { env: this.env, jobs, edges, graphId });
  }

  #resolve(fn: string | JobFunction<never, unknown>): JobFunction<never, unknown> {
    const name = typeof fn === 'string' ? fn : fn.name;
    const registered = this.runtime.registry.get(name);
    if (typeof fn !== 'string' && registered !== fn) throw new UnknownJobFunctionError(name);
    return registered;
  }
}
