import type { ComponentRegistry } from '@bindery/component';
import type { Env } from '@bindery/model';
import { PgBoss } from 'pg-boss';
import { JobAdmin } from './admin/job-admin.js';
import { JobBatches } from './batch/job-batches.js';
import { CronJobs } from './cron/cron-jobs.js';
import { JobEnqueuer } from './enqueue/job-enqueuer.js';
import { QueueRuntime } from './engine/queue-runtime.js';
import { NoQueueError } from './errors/no-queue-error.js';
import type { QueueJobOptions } from './queue-job-options.js';
import { JobWorker, type JobWorkerOptions } from './worker/job-worker.js';

/** Ten years: how long a waiting job is kept before pg-boss's retention would drop it. */
const RETENTION_SECONDS = 10 * 365 * 24 * 3600;

/** What {@link QueueJob.of} finds a queue by: an env, the app's registries, or the component registry. */
export type QueueJobTarget = Env | { readonly components: ComponentRegistry } | ComponentRegistry;

const queues = new WeakMap<ComponentRegistry, QueueJob>();

function registryOf(target: QueueJobTarget): ComponentRegistry {
  return 'components' in target ? target.components : target;
}

/** Options of {@link QueueJob.start}. */
export interface QueueJobStartOptions {
  /**
   * Run pg-boss's supervisor here (expiry of jobs whose worker died, flow resolution, cron).
   * Several processes may; they coordinate. @defaultValue true
   */
  readonly supervise?: boolean;
}

/**
 * A durable job queue with OCA queue_job's semantics, on pg-boss: enqueue in the caller's
 * transaction, channels with capacities, retries, graphs, identity keys, context replay.
 *
 * @example
 * ```ts
 * const queue = new QueueJob({ registries, connectionString: url, channels: 'root:4,root.shop:2' });
 * await queue.start();
 * await env.transaction((tx) => queue.for(tx).delay(importOrder, { orderId: 42 }));
 * const worker = queue.worker({ env });
 * await worker.start();
 * ```
 */
export class QueueJob {
  /** @internal */
  readonly runtime: QueueRuntime;
  /** The cron-as-job helper. */
  readonly cron: CronJobs;

  /**
   * Checks the configuration at once: channel configuration (`ChannelConfigError`), job
   * functions (`JobDefinitionError`), names. Nothing touches the database before `start()`.
   */
  constructor(options: QueueJobOptions) {
    this.runtime = new QueueRuntime(options);
    this.cron = new CronJobs(this.runtime);
    if (options.register !== false) queues.set(options.registries.components, this);
  }

  /**
   * The queue serving `target`'s component registry (an env, the app's registries, or the
   * registry): the last `QueueJob` constructed with these registries (unless `register: false`).
   * For components, listeners and helpers that hold an env but no queue.
   * {@link NoQueueError} when there is none.
   *
   * @example
   * ```ts
   * // in a record listener or a component, with only `env` at hand
   * await QueueJob.of(env).for(env).delay(exportPartner, { id });
   * ```
   */
  static of(target: QueueJobTarget): QueueJob {
    const queue = QueueJob.find(target);
    if (queue === undefined) throw new NoQueueError();
    return queue;
  }

  /** Like {@link QueueJob.of}, but `undefined` when no queue serves `target`. */
  static find(target: QueueJobTarget): QueueJob | undefined {
    return queues.get(registryOf(target));
  }

  /** pg-boss's schema and queue name, for tooling. */
  get names(): { readonly schema: string; readonly queue: string } {
    return { schema: this.runtime.schema, queue: this.runtime.queueName };
  }

  /**
   * Start pg-boss (creating or upgrading its schema unless `migrateEngine` is false) and create
   * the queue. The package's own tables come from `migrate()` with `queueJobAddon`.
   */
  async start(options: QueueJobStartOptions = {}): Promise<void> {
    if (this.runtime.boss !== undefined) return;
    const { options: config, schema, queueName } = this.runtime;
    const boss = new PgBoss({
      connectionString: config.connectionString,
      schema,
      max: config.poolSize ?? 10,
      migrate: config.migrateEngine ?? true,
      supervise: options.supervise ?? true,
      schedule: options.supervise ?? true,
      monitorIntervalSeconds: config.monitorIntervalSeconds ?? 60,
      superviseIntervalSeconds: config.monitorIntervalSeconds ?? 60,
    });
    boss.on('error', (error: unknown) => this.runtime.reportError(error));
    await boss.start();
    const queueOptions = {
      notify: true,
      retryLimit: 4,
      retryDelay: 0,
      expireInSeconds: config.expireSeconds ?? 3600,
      retentionSeconds: RETENTION_SECONDS,
      deleteAfterSeconds: 0,
      ...(config.heartbeatSeconds === undefined
        ? {}
        : { heartbeatSeconds: config.heartbeatSeconds }),
    };
    if ((await boss.getQueue(queueName)) === null)
      await boss.createQueue(queueName, { policy: 'standard', ...queueOptions });
    else await boss.updateQueue(queueName, queueOptions);
    this.runtime.boss = boss;
    await this.cron.start();
  }

  /** Stop pg-boss (workers must be stopped first). */
  async stop(): Promise<void> {
    const boss = this.runtime.boss;
    this.runtime.boss = undefined;
    await boss?.stop({ graceful: true, timeout: 5000 });
  }

  /** Enqueue jobs in `env`'s transaction (queue_job's `with_delay`). */
  for(env: Env): JobEnqueuer {
    return new JobEnqueuer(this.runtime, env);
  }

  /** A worker for this process; call `start()` on it. */
  worker(options: JobWorkerOptions): JobWorker {
    return new JobWorker(this.runtime, options, this.cron);
  }

  /** List, count, inspect and act on jobs as `env`'s user. */
  admin(env: Env): JobAdmin {
    return new JobAdmin(this.runtime, env);
  }

  /** Job batches with progress, as `env`'s user. */
  batches(env: Env): JobBatches {
    return new JobBatches(this.runtime, env);
  }
}

/**
 * The queue of `env`'s app: `QueueJob.of(env)` ({@link QueueJob.of}); `NoQueueError` when no
 * queue was constructed with its registries.
 *
 * @example
 * ```ts
 * await queueFor(env).for(env).delay(importOrder, { orderId: 42 });
 * ```
 */
export function queueFor(env: Env): QueueJob {
  return QueueJob.of(env);
}
