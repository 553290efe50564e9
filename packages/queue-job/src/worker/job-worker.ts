import type { Env } from '@bindery/model';
import type { Kysely } from 'kysely';
import { vacuumJobs } from '../admin/job-vacuum.js';
import type { CronJobs } from '../cron/cron-jobs.js';
import { notifyChannel } from '../engine/job-dependents.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import type { ClaimedJob } from '../execute/claimed-job.js';
import { BatchExecutor } from '../execute/batch-executor.js';
import { JobExecutor, type JobOutcome } from '../execute/job-executor.js';
import { JobDispatcher } from './job-dispatcher.js';
import { NotificationListener } from './notification-listener.js';

/** Options of a {@link JobWorker}. */
export interface JobWorkerOptions {
  /**
   * Registries and database of the jobs (each job runs as its own user and context). Its pool must
   * allow `concurrency + 1` connections.
   */
  readonly env: Env;
  /** Jobs this process runs at once. @defaultValue the root channel's capacity, or 10 when unlimited */
  readonly concurrency?: number;
  /** Longest idle wait between two claims, in ms (notifications usually wake it sooner). @defaultValue 1000 */
  readonly pollIntervalMs?: number;
  /** Called after each try with its outcome (metrics, tests). */
  readonly onJobEnd?: (jobId: string, outcome: JobOutcome) => void;
  /** Process cron ticks (`queue.cron`) in this worker. @defaultValue true */
  readonly cron?: boolean;
  /** How often this worker deletes old done and cancelled jobs (QJ-69), in ms; 0 never. @defaultValue 3600000 */
  readonly vacuumIntervalMs?: number;
  /**
   * Run up to this many claimed jobs one after the other in one transaction, each behind a
   * savepoint, and commit their completions together: far fewer commits for short jobs. A job's
   * writes still commit with its own completion, and a failing job is rolled back alone; but the
   * batch commits when its last job ends, and a crash re-runs the whole batch. @defaultValue 1
   */
  readonly batchSize?: number;
}

interface Running {
  readonly job: ClaimedJob;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

/**
 * Runs jobs in this process (queue_job's job runner): claims ready jobs within the channel
 * capacities shared by every worker, runs each in its own transaction, and wakes up on
 * notifications, etas and throttles. Made by `queue.worker(options)`.
 */
export class JobWorker {
  readonly #runtime: QueueRuntime;
  readonly #dispatcher: JobDispatcher;
  readonly #executor: JobExecutor;
  readonly #batchExecutor: BatchExecutor;
  readonly #batchSize: number;
  readonly #concurrency: number;
  readonly #pollIntervalMs: number;
  readonly #onJobEnd: ((jobId: string, outcome: JobOutcome) => void) | undefined;
  readonly #running = new Map<string, Running>();
  #listener: NotificationListener | undefined;
  #loop: Promise<void> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #vacuum: NodeJS.Timeout | undefined;
  readonly #vacuumIntervalMs: number;
  #stopping = false;
  #cronWork: string | undefined;
  readonly #env: Env;
  readonly #cron: boolean;
  readonly #cronJobs: CronJobs;
  #kicked = false;
  #wake: (() => void) | undefined;

  /** @internal Use `queue.worker(options)`. */
  constructor(runtime: QueueRuntime, options: JobWorkerOptions, cron: CronJobs) {
    this.#runtime = runtime;
    this.#cronJobs = cron;
    this.#dispatcher = new JobDispatcher(runtime, options.env.db as Kysely<unknown>);
    this.#executor = new JobExecutor(runtime, options.env);
    this.#batchExecutor = new BatchExecutor(runtime, options.env, this.#executor);
    this.#batchSize = Math.max(1, options.batchSize ?? 1);
    const root = runtime.tree.root;
    this.#concurrency = options.concurrency ?? (root.unlimited ? 10 : (root.capacity ?? 10));
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#onJobEnd = options.onJobEnd;
    this.#env = options.env;
    this.#cron = options.cron ?? true;
    this.#vacuumIntervalMs = options.vacuumIntervalMs ?? 3_600_000;
  }

  /** Jobs running in this process now. */
  get running(): number {
    return this.#running.size;
  }

  /** Start listening and claiming. */
  async start(): Promise<void> {
    if (this.#loop !== undefined) return;
    this.#runtime.requireBoss();
    this.#stopping = false;
    this.#listener = new NotificationListener({
      connectionString: this.#runtime.options.connectionString,
      channel: notifyChannel(this.#runtime),
      onNotify: () => this.#kick(),
      onError: (error) => this.#runtime.reportError(error),
    });
    await this.#listener.start();
    this.#startHeartbeat();
    if (this.#vacuumIntervalMs > 0) {
      this.#vacuum = setInterval(() => {
        vacuumJobs(this.#runtime, this.#env.db as Kysely<unknown>).catch((error: unknown) =>
          this.#runtime.reportError(error),
        );
      }, this.#vacuumIntervalMs);
    }
    if (this.#cron) this.#cronWork = await this.#cronJobs.work(this.#env);
    this.#loop = this.#run();
  }

  /**
   * Stop claiming, wait up to `timeoutMs` for running jobs, then abort the rest (their claims
   * expire and they run again elsewhere).
   */
  async stop(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    this.#stopping = true;
    this.#kick();
    if (this.#cronWork !== undefined)
      await this.#runtime.boss?.offWork(this.#cronJobs.tickQueue, { id: this.#cronWork });
    this.#cronWork = undefined;
    await this.#loop;
    this.#loop = undefined;
    clearInterval(this.#heartbeat);
    clearInterval(this.#vacuum);
    await this.#waitRunning(options.timeoutMs ?? 30_000);
    for (const running of this.#running.values()) running.controller.abort();
    await this.#listener?.close();
    this.#listener = undefined;
  }

  /**
   * Claim and run jobs until none is ready (tests, scripts); returns how many tries ran. Does not
   * need `start()`.
   */
  async runUntilIdle(): Promise<number> {
    let count = 0;
    for (;;) {
      const { jobs } = await this.#dispatcher.claim(this.#concurrency - this.#running.size);
      if (jobs.length === 0 && this.#running.size === 0) return count;
      count += jobs.length;
      this.#startAll(jobs);
      await Promise.race([...this.#running.values()].map((r) => r.done));
    }
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      const free = this.#concurrency - this.#running.size;
      let wakeupAt: number | undefined;
      if (free > 0) {
        try {
          const claim = await this.#dispatcher.claim(free);
          this.#startAll(claim.jobs);
          if (claim.jobs.length === free) continue;
          wakeupAt = claim.wakeupAt;
        } catch (error) {
          this.#runtime.reportError(error);
        }
      }
      const wait =
        wakeupAt === undefined
          ? this.#pollIntervalMs
          : Math.max(0, Math.min(this.#pollIntervalMs, wakeupAt - Date.now()));
      await this.#sleep(wait);
    }
  }

  #startAll(jobs: readonly ClaimedJob[]): void {
    if (this.#batchSize === 1 || jobs.length === 1) {
      for (const job of jobs) this.#start(job);
      return;
    }
    for (let i = 0; i < jobs.length; i += this.#batchSize)
      this.#startBatch(jobs.slice(i, i + this.#batchSize));
  }

  #startBatch(jobs: readonly ClaimedJob[]): void {
    const controller = new AbortController();
    const expiry = setTimeout(
      () => controller.abort(),
      (this.#runtime.options.expireSeconds ?? 3600) * 1000,
    );
    const done = this.#batchExecutor.execute(jobs, controller.signal).then((outcomes) => {
      clearTimeout(expiry);
      for (const job of jobs) {
        this.#running.delete(job.id);
        this.#onJobEnd?.(job.id, outcomes.get(job.id) ?? 'lost');
      }
      this.#kick();
    });
    for (const job of jobs) this.#running.set(job.id, { job, controller, done });
  }

  #start(job: ClaimedJob): void {
    const controller = new AbortController();
    const expiry = setTimeout(
      () => controller.abort(),
      (this.#runtime.options.expireSeconds ?? 3600) * 1000,
    );
    const done = this.#executor.execute(job, controller.signal).then((outcome) => {
      clearTimeout(expiry);
      this.#running.delete(job.id);
      this.#onJobEnd?.(job.id, outcome);
      this.#kick();
    });
    this.#running.set(job.id, { job, controller, done });
  }

  #sleep(ms: number): Promise<void> {
    if (this.#kicked || this.#stopping) {
      this.#kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve();
      }, ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }

  #kick(): void {
    if (this.#wake !== undefined) this.#wake();
    else this.#kicked = true;
  }

  #startHeartbeat(): void {
    const seconds = this.#runtime.options.heartbeatSeconds;
    if (seconds === undefined) return;
    this.#heartbeat = setInterval(
      () => {
        const attempts = [...this.#running.values()].map(({ job }) => ({
          id: job.id,
          retryCount: job.retryCount,
        }));
        if (attempts.length === 0) return;
        this.#runtime
          .requireBoss()
          .touch(this.#runtime.queueName, attempts)
          .catch((error: unknown) => this.#runtime.reportError(error));
      },
      (seconds * 1000) / 3,
    );
  }

  async #waitRunning(timeoutMs: number): Promise<void> {
    if (this.#running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all([...this.#running.values()].map((r) => r.done)), timeout]);
    clearTimeout(timer);
  }
}
