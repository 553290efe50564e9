import { sql, type RawBuilder } from 'kysely';
import type { PgBoss } from 'pg-boss';
import { ChannelTree, normalizeChannelName } from '../channels/channel-tree.js';
import { QueueStateError } from '../errors/queue-state-error.js';
import { UnknownChannelError } from '../errors/unknown-channel-error.js';
import { JobRegistry } from '../jobs/job-registry.js';
import { dateCodec, type JobValueCodec } from '../jobs/job-value-codec.js';
import type { QueueJobOptions } from '../queue-job-options.js';
import type { EnqueuedJob, PreparedGraph } from './prepared-job.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const QUEUE_NAME = /^[\w.\-/]+$/;

/**
 * Resolved configuration and shared services of one queue: the job registry, the channel tree,
 * codecs, pg-boss once started. Shared by enqueuers, workers and the admin API. @internal
 */
export class QueueRuntime {
  readonly options: QueueJobOptions;
  readonly registry: JobRegistry;
  readonly tree: ChannelTree;
  readonly knownChannels: ReadonlySet<string>;
  readonly codecs: readonly JobValueCodec[];
  readonly allowList: readonly string[];
  readonly schema: string;
  readonly queueName: string;
  /** The job table, for raw SQL. */
  readonly jobTable: RawBuilder<unknown>;
  /** The dependency table of pg-boss flows. */
  readonly dependencyTable: RawBuilder<unknown>;
  boss: PgBoss | undefined;
  /** Set while `trapJobs` captures enqueues: receives the prepared graph instead of storing it. */
  trap: ((graph: PreparedGraph) => Promise<EnqueuedJob[]>) | undefined;
  #seq = 0;

  constructor(options: QueueJobOptions) {
    this.options = options;
    this.schema = options.schema ?? 'pgboss';
    this.queueName = options.queueName ?? 'queue_job';
    if (!IDENTIFIER.test(this.schema))
      throw new QueueStateError(`Invalid pg-boss schema name '${this.schema}'.`);
    if (!QUEUE_NAME.test(this.queueName))
      throw new QueueStateError(`Invalid queue name '${this.queueName}'.`);
    this.registry = JobRegistry.fromAddons(options.registries.addons);
    this.tree = ChannelTree.fromConfig(
      options.channels ?? process.env['QUEUE_JOB_CHANNELS'] ?? 'root:1',
    );
    const known = new Set(this.registry.declaredChannels());
    for (const channel of this.tree.all()) known.add(channel.fullName);
    this.knownChannels = known;
    this.codecs = [...(options.codecs ?? []), dateCodec];
    this.allowList = options.contextAllowList ?? ['lang', 'tz'];
    this.jobTable = sql.raw(`"${this.schema}".job`);
    this.dependencyTable = sql.raw(`"${this.schema}".job_dependency`);
  }

  /** pg-boss, or {@link QueueStateError} before `start()`. */
  requireBoss(): PgBoss {
    if (this.boss === undefined)
      throw new QueueStateError('The queue is not started: call queue.start() first.');
    return this.boss;
  }

  /** The complete name of a known channel; {@link UnknownChannelError} otherwise. */
  knownChannel(name: string): string {
    const full = normalizeChannelName(name);
    if (!this.knownChannels.has(full)) throw new UnknownChannelError(full);
    return full;
  }

  /** A process-monotonic insertion sequence (breaks ties of jobs created in one transaction). */
  nextSeq(): number {
    const now = Date.now() * 1000;
    this.#seq = Math.max(this.#seq + 1, now);
    return this.#seq;
  }

  /** Report a background error. */
  reportError(error: unknown): void {
    try {
      (this.options.onError ?? ((e: unknown) => console.error('[queue-job]', e)))(error);
    } catch {
      // an error reporter that throws has nowhere else to report to
    }
  }
}
