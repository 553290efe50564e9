import type { AppRegistries } from '@bindery/model';
import type { JobRecord } from './jobs/job-info.js';
import type { JobValueCodec } from './jobs/job-value-codec.js';

/** What the final-failure hook receives. */
export interface JobFailureEvent {
  /** The failed job, as stored. */
  readonly job: JobRecord;
  /** The error of the last try. */
  readonly error: unknown;
}

/** Options of {@link QueueJob}. */
export interface QueueJobOptions {
  /** The app's registries: job functions come from the addons' `jobs`. */
  readonly registries: AppRegistries;
  /**
   * Register the queue on `registries.components`, so that code holding only an env finds it
   * with `queueFor(env)` / `QueueJob.of(env)` (the last queue constructed for a registry wins).
   * Set `false` for an extra queue that must not become the app's. @defaultValue true
   */
  readonly register?: boolean;
  /**
   * Connection string of the app's database, for pg-boss's own pool (LISTEN/NOTIFY, maintenance,
   * claims). Enqueues and completions go through the env's Kysely connection instead.
   */
  readonly connectionString: string;
  /**
   * Channel capacities, e.g. `root:4,root.shop:2,root.shop.orders:1:sequential` (QJ-53). Every
   * process of an app must use the same configuration. @defaultValue the environment variable
   * `QUEUE_JOB_CHANNELS`, else 'root:1'
   */
  readonly channels?: string;
  /** pg-boss's schema. @defaultValue 'pgboss' */
  readonly schema?: string;
  /** The pg-boss queue that holds every job. @defaultValue 'queue_job' */
  readonly queueName?: string;
  /** Codecs for argument and result types JSON cannot hold (`Date` is built in). */
  readonly codecs?: readonly JobValueCodec[];
  /**
   * Context keys replayed when a job runs (QJ-72); user and company are always replayed.
   * @defaultValue ['lang', 'tz']
   */
  readonly contextAllowList?: readonly string[];
  /** Size of pg-boss's pool. @defaultValue 10 */
  readonly poolSize?: number;
  /**
   * Run jobs at once, in the caller's process, instead of storing them (QJ-28). Also on when the
   * environment variable `QUEUE_JOB__NO_DELAY` is set, or per env with the context key
   * `queueJobNoDelay`.
   */
  readonly noDelay?: boolean;
  /** Called after a job became `failed` for good (notifications). Errors are reported, not thrown. */
  readonly onFailure?: (event: JobFailureEvent) => void | Promise<void>;
  /** Called with errors of background work (pg-boss, listeners, hooks). @defaultValue console.error */
  readonly onError?: (error: unknown) => void;
  /**
   * Let pg-boss create or upgrade its schema at `start()`. Turn it off on workers when deploys
   * run it once (`queue.start()` in a migration step). @defaultValue true
   */
  readonly migrateEngine?: boolean;
  /** A started job that outlives this is failed by the supervisor (and retried). @defaultValue 3600 */
  readonly expireSeconds?: number;
  /**
   * When set, workers refresh a heartbeat on running jobs and the supervisor fails those whose
   * worker died after this many seconds (≥ 10).
   */
  readonly heartbeatSeconds?: number;
  /** How often the supervisor looks for expired jobs. @defaultValue 60 */
  readonly monitorIntervalSeconds?: number;
  /** Days to keep done and cancelled jobs, by channel (failed jobs are kept). @defaultValue root: 30 */
  readonly removalIntervalDays?: Readonly<Record<string, number>>;
}
