import type { Env } from '@bindery/model';
import { AssertionError } from 'node:assert';
import { isDeepStrictEqual, inspect } from 'node:util';
import type { EnqueuedJob, PreparedGraph } from '../engine/prepared-job.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import { runInline } from '../enqueue/run-inline.js';
import type { JobFunction } from '../jobs/job-definition.js';
import { decodeJobValue } from '../jobs/job-value-codec.js';
import type { QueueJob } from '../queue-job.js';
import type { TrappedJob, TrappedJobProperties } from './trapped-job.js';

/** Options of {@link trapJobs} and {@link JobsTrap.performEnqueuedJobs}. */
export interface JobsTrapOptions {
  /**
   * The env to perform the trapped jobs in, normally not in a transaction (the app's env over
   * its pool): each job runs in a transaction of its own on it, as a worker would, with the
   * user, company and allow-listed context of the env that enqueued it (context replay), and
   * `autonomous()` opens its transactions on it. Without it, a job runs in a savepoint of the
   * env it was enqueued in, which fails ("Transaction is already committed") for jobs enqueued
   * in a transaction that has ended, such as those of record listeners during a write.
   */
  readonly env?: Env;
}

/**
 * Captures jobs instead of storing them (queue_job's `trap_jobs`): assert what was enqueued, then
 * perform the jobs in priority and topological order. Identity keys are honoured: a job whose key
 * is already trapped is recorded in `calls` but not enqueued. Made by {@link trapJobs}; call
 * `restore()` (or use `using`) when done.
 */
export class JobsTrap implements Disposable {
  readonly #runtime: QueueRuntime;
  readonly #env: Env | undefined;
  /** Every job `delay` was called for, duplicates by identity key included. */
  readonly calls: TrappedJob[] = [];
  /** The jobs that would have been stored, not yet performed. */
  readonly enqueuedJobs: TrappedJob[] = [];

  /** @internal Use {@link trapJobs}. */
  constructor(runtime: QueueRuntime, options: JobsTrapOptions = {}) {
    if (runtime.trap !== undefined) throw new Error('Jobs are already trapped on this queue.');
    this.#runtime = runtime;
    this.#env = options.env;
    runtime.trap = (graph) => Promise.resolve(this.#capture(graph));
  }

  /** Stop trapping: enqueues store jobs again. */
  restore(): void {
    this.#runtime.trap = undefined;
  }

  /** Same as {@link JobsTrap.restore}. */
  [Symbol.dispose](): void {
    this.restore();
  }

  /** Trapped (enqueued) jobs, of one function when `only` is given. */
  jobsCount(only?: JobFunction<never, unknown> | string): number {
    return this.#only(only).length;
  }

  /** Throw unless exactly `count` jobs (of `only`) are trapped. */
  assertJobsCount(count: number, only?: JobFunction<never, unknown> | string): void {
    const jobs = this.#only(only);
    if (jobs.length !== count)
      throw new AssertionError({
        message: `Expected ${count} enqueued job(s), found ${jobs.length}:\n${this.#describe(jobs)}`,
      });
  }

  /**
   * Throw unless a trapped job has this function and exactly these arguments, and the given
   * properties (compared one by one).
   */
  assertEnqueuedJob(
    fn: JobFunction<never, unknown> | string,
    args: unknown,
    properties: Partial<TrappedJobProperties> = {},
  ): TrappedJob {
    const name = typeof fn === 'string' ? fn : fn.name;
    const found = this.enqueuedJobs.find(
      (job) =>
        job.functionName === name &&
        isDeepStrictEqual(job.args, args) &&
        Object.entries(properties).every(([key, value]) =>
          isDeepStrictEqual(job.properties[key as keyof TrappedJobProperties], value),
        ),
    );
    if (found === undefined) {
      throw new AssertionError({
        message: `No enqueued job ${name}(${inspect(args)}) with ${inspect(properties)}. Enqueued:\n${this.#describe(this.enqueuedJobs)}`,
      });
    }
    return found;
  }

  /**
   * Run the trapped jobs now, one after the other, each in a transaction of its own on
   * `options.env` (else the trap's `env`, else a savepoint of the env it was enqueued in), as
   * the user, company and allow-listed context that enqueued it: lone jobs by priority, graphs in
   * topological order; jobs they enqueue are trapped and run too. Empties `enqueuedJobs`; the
   * first job that throws stops the run (it is no longer trapped, the rest still are).
   *
   * @example
   * ```ts
   * using trap = trapJobs(queue, { env }); // env: not in a transaction
   * await env.model('shop.product.binding').write(id, { name: 'New' }); // a listener enqueues
   * await trap.performEnqueuedJobs();
   * ```
   */
  async performEnqueuedJobs(options: JobsTrapOptions = {}): Promise<void> {
    const base = options.env ?? this.#env;
    for (let rounds = 0; this.enqueuedJobs.length > 0; rounds++) {
      if (rounds > 10_000) throw new Error('performEnqueuedJobs: jobs keep enqueuing jobs');
      const next = this.#nextReady();
      this.enqueuedJobs.splice(this.enqueuedJobs.indexOf(next), 1);
      await runInline(this.#runtime, base ?? next.env, [next.prepared]);
    }
  }

  #nextReady(): TrappedJob {
    const pending = new Set(this.enqueuedJobs.map((job) => job.id));
    const ready = this.enqueuedJobs.filter((job) =>
      job.dependsOn.every((parent) => !pending.has(parent)),
    );
    ready.sort(
      (a, b) =>
        a.properties.priority - b.properties.priority || a.prepared.data.seq - b.prepared.data.seq,
    );
    const [first] = ready;
    if (first === undefined)
      throw new Error('performEnqueuedJobs: the trapped jobs wait for each other');
    return first;
  }

  #capture(graph: PreparedGraph): EnqueuedJob[] {
    const trapped = graph.jobs.map((prepared) => this.#trapped(graph, prepared));
    this.calls.push(...trapped);
    const existing = new Map(
      this.enqueuedJobs.flatMap((job) =>
        job.properties.identityKey === undefined
          ? []
          : [[job.properties.identityKey, job.id] as const],
      ),
    );
    const keyOf = (job: TrappedJob) => job.properties.identityKey;
    const skip =
      trapped.length === 1
        ? existing.has(keyOf(trapped[0] as TrappedJob) ?? '\u0000')
        : trapped.every((job) => existing.has(keyOf(job) ?? '\u0000'));
    if (!skip) this.enqueuedJobs.push(...trapped);
    return trapped.map((job) => ({
      id: skip ? (existing.get(keyOf(job) ?? '') ?? job.id) : job.id,
      functionName: job.functionName,
      existing: skip,
      graphId: job.graphId,
      identityKey: job.properties.identityKey,
    }));
  }

  #trapped(graph: PreparedGraph, prepared: PreparedGraph['jobs'][number]): TrappedJob {
    const { data } = prepared;
    return {
      id: prepared.id,
      functionName: data.fn,
      args: decodeJobValue(data.args, this.#runtime.codecs),
      properties: {
        priority: prepared.priority,
        eta: prepared.eta,
        maxRetries: data.maxRetries,
        description: data.description,
        channel: data.channel,
        identityKey: prepared.identityKey,
      },
      graphId: data.graph,
      dependsOn: graph.edges.filter(([, child]) => child === prepared.id).map(([parent]) => parent),
      prepared,
      env: graph.env,
    };
  }

  #only(only: JobFunction<never, unknown> | string | undefined): TrappedJob[] {
    if (only === undefined) return this.enqueuedJobs;
    const name = typeof only === 'string' ? only : only.name;
    return this.enqueuedJobs.filter((job) => job.functionName === name);
  }

  #describe(jobs: readonly TrappedJob[]): string {
    if (jobs.length === 0) return '  (none)';
    return jobs
      .map((job) => `  ${job.functionName}(${inspect(job.args)}) ${inspect(job.properties)}`)
      .join('\n');
  }
}

/**
 * Trap the jobs a queue would store, until `restore()`. Give `env` (not in a transaction) to
 * perform the jobs the way a worker would, in transactions of their own.
 *
 * @example
 * ```ts
 * using trap = trapJobs(queue, { env });
 * await confirmOrder(env, orderId);
 * trap.assertEnqueuedJob(exportOrder, { orderId }, { priority: 5 });
 * await trap.performEnqueuedJobs();
 * ```
 */
export function trapJobs(queue: QueueJob, options: JobsTrapOptions = {}): JobsTrap {
  return new JobsTrap(queue.runtime, options);
}
