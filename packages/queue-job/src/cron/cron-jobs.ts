import type { Env } from '@bindery/model';
import { prepareJob } from '../engine/prepared-job.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import type { DelayOptions } from '../jobs/delay-options.js';
import type { JobFunction } from '../jobs/job-definition.js';
import { fireCron, type CronTickData } from './cron-fire.js';

/** A cron that enqueues a job (queue_job_cron's "run as queue job"). */
export interface CronJobDefinition<TArgs = unknown> {
  /** Unique name of the cron. */
  readonly name: string;
  /** A 5-field cron expression (checked every 30 s by pg-boss's scheduler). */
  readonly cron: string;
  /** The job function (registered) and its arguments. */
  readonly fn: JobFunction<TArgs, unknown> | string;
  readonly args: TArgs;
  /** Time zone of the expression. @defaultValue 'UTC' */
  readonly tz?: string;
  /** Enqueue options of the jobs. */
  readonly options?: Pick<
    DelayOptions<TArgs>,
    'priority' | 'channel' | 'description' | 'maxRetries'
  >;
  /** Skip a tick while a job of this cron waits or runs (queue_job's `no_parallel_queue_job_run`). @defaultValue true */
  readonly noParallel?: boolean;
}

/**
 * Crons that enqueue jobs, on pg-boss's scheduler: each tick enqueues the job as the user who
 * scheduled it; workers (`queue.worker(...).start()`) process the ticks. `queue.cron`.
 *
 * @example
 * ```ts
 * await queue.cron.schedule(env, { name: 'import-orders', cron: '*\/5 * * * *', fn: importOrders, args: {} });
 * ```
 */
export class CronJobs {
  readonly #runtime: QueueRuntime;

  /** @internal */
  constructor(runtime: QueueRuntime) {
    this.#runtime = runtime;
  }

  /** The pg-boss queue of cron ticks. */
  get tickQueue(): string {
    return `${this.#runtime.queueName}.cron`;
  }

  /** @internal Create the tick queue. */
  async start(): Promise<void> {
    const boss = this.#runtime.requireBoss();
    if ((await boss.getQueue(this.tickQueue)) === null)
      await boss.createQueue(this.tickQueue, { retryLimit: 2 });
  }

  /** Create or replace a cron. Its job function, arguments and options are checked now. */
  async schedule<TArgs>(env: Env, definition: CronJobDefinition<TArgs>): Promise<void> {
    const fn = this.#runtime.registry.get(
      typeof definition.fn === 'string' ? definition.fn : definition.fn.name,
    ) as JobFunction<TArgs, unknown>;
    const prepared = prepareJob(this.#runtime, env, {
      fn,
      args: definition.args,
      options: definition.options ?? {},
    });
    const tick: CronTickData = {
      name: definition.name,
      fn: fn.name,
      args: prepared.data.args,
      options: definition.options ?? {},
      noParallel: definition.noParallel ?? true,
      env: prepared.data.env,
    };
    await this.#runtime
      .requireBoss()
      .schedule(this.tickQueue, definition.cron, tick, {
        tz: definition.tz ?? 'UTC',
        key: definition.name,
      });
  }

  /** Remove a cron. */
  async unschedule(name: string): Promise<void> {
    await this.#runtime.requireBoss().unschedule(this.tickQueue, name);
  }

  /** The names of the crons. */
  async list(): Promise<string[]> {
    const schedules = await this.#runtime.requireBoss().getSchedules(this.tickQueue);
    return schedules.map((schedule) => schedule.key);
  }

  /** Run a cron's job now (a manual trigger); returns the job id, or `undefined` when skipped. */
  async trigger(base: Env, name: string): Promise<string | undefined> {
    const schedules = await this.#runtime.requireBoss().getSchedules(this.tickQueue, name);
    const tick = schedules[0]?.data as CronTickData | undefined;
    if (tick === undefined) return undefined;
    return fireCron(this.#runtime, base, tick);
  }

  /** @internal Process ticks in this process (called by workers); returns the pg-boss work id. */
  async work(base: Env): Promise<string> {
    return this.#runtime
      .requireBoss()
      .work<CronTickData>(this.tickQueue, { pollingIntervalSeconds: 2 }, async (jobs) => {
        for (const job of jobs) await fireCron(this.#runtime, base, job.data);
      });
  }
}
