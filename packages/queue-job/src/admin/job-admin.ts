import type { Env } from '@bindery/model';
import { sql, type Kysely } from 'kysely';
import { JOB_COLUMNS, readJobs, toJobRecord } from '../engine/job-reader.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import type { JobRow } from '../engine/stored-job.js';
import { NoRelatedActionError } from '../errors/no-related-action-error.js';
import { NoSuchJobError } from '../errors/no-such-job-error.js';
import type { JobRecord } from '../jobs/job-info.js';
import { JOB_STATES, type JobState } from '../jobs/job-state.js';
import { openRelatedRecords, type RelatedAction } from '../jobs/related-action.js';
import { filterConditions, type JobFilter } from './job-filter.js';
import { graphNode, type JobGraph } from './job-graph.js';
import { changeJobState } from './job-transitions.js';
import { vacuumJobs, type VacuumReport } from './job-vacuum.js';

/** Paging of {@link JobAdmin.list}. */
export interface JobPage {
  /** @defaultValue 100 */
  readonly limit?: number;
  /** @defaultValue 0 */
  readonly offset?: number;
}

/**
 * The admin API behind a jobs UI (queue_job's views and wizards): list, count, inspect a graph,
 * requeue, set done, cancel, related actions. Changes run in the env's transaction (or their own)
 * and are all-or-nothing: a job in a state the action does not apply to throws `JobStateError`.
 *
 * @example
 * ```ts
 * const admin = queue.admin(env);
 * const failed = await admin.list({ state: 'failed', channel: 'root.shop' });
 * await admin.requeue(failed.map((job) => job.id));
 * ```
 */
export class JobAdmin {
  readonly #runtime: QueueRuntime;
  readonly #env: Env;

  /** @internal Use `queue.admin(env)`. */
  constructor(runtime: QueueRuntime, env: Env) {
    this.#runtime = runtime;
    this.#env = env;
  }

  get #db(): Kysely<unknown> {
    return this.#env.db as Kysely<unknown>;
  }

  /** Jobs matching `filter`, newest first. */
  async list(filter: JobFilter = {}, page: JobPage = {}): Promise<JobRecord[]> {
    const { rows } = await sql<JobRow>`select ${JOB_COLUMNS} from ${this.#runtime.jobTable}
      where name = ${this.#runtime.queueName} and ${filterConditions(filter)}
      order by created_on desc, completed_on desc nulls first, (data->>'seq')::bigint desc
      limit ${page.limit ?? 100} offset ${page.offset ?? 0}`.execute(this.#db);
    return rows.map((row) => toJobRecord(this.#runtime, row));
  }

  /** How many jobs match `filter`, by state (every state present, 0 when none). */
  async countByState(filter: JobFilter = {}): Promise<Record<JobState, number>> {
    const { rows } = await sql<{
      state: string;
      blocked: boolean;
      n: number;
    }>`select state::text as state, blocked, count(*)::int as n
      from ${this.#runtime.jobTable} where name = ${this.#runtime.queueName} and ${filterConditions(filter)}
      group by 1, 2`.execute(this.#db);
    const counts = Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<
      JobState,
      number
    >;
    for (const row of rows) {
      const state =
        row.state === 'created'
          ? row.blocked
            ? 'wait_dependencies'
            : 'pending'
          : toState(row.state);
      counts[state] += row.n;
    }
    return counts;
  }

  /** How many jobs match `filter`. */
  async count(filter: JobFilter = {}): Promise<number> {
    const counts = await this.countByState(filter);
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  /** One job; {@link NoSuchJobError} when it does not exist. */
  async get(id: string): Promise<JobRecord> {
    const [job] = await readJobs(this.#runtime, this.#db, [id]);
    if (job === undefined) throw new NoSuchJobError(id);
    return job;
  }

  /** Back to pending with the try counter reset (failed, cancelled, done or pending jobs). */
  requeue(ids: readonly string[]): Promise<string[]> {
    return this.#change('requeue', ids);
  }

  /** Mark done ("Manually set to done by ..."), which starts their dependents (waiting, pending or failed jobs). */
  setDone(ids: readonly string[]): Promise<string[]> {
    return this.#change('setDone', ids);
  }

  /** Cancel ("Cancelled by ...") waiting, pending or failed jobs; their dependents keep waiting. */
  cancel(ids: readonly string[]): Promise<string[]> {
    return this.#change('cancel', ids);
  }

  /** The graph of a job: every job of it, edges and widget nodes. */
  async graph(id: string): Promise<JobGraph> {
    const job = await this.get(id);
    if (job.graphId === undefined)
      return { graphId: undefined, nodes: [graphNode(job)], edges: [], jobs: [job] };
    const { rows } = await sql<{
      job_id: string;
    }>`select job_id from queue_job_graph_job where graph_id = ${job.graphId}::uuid`.execute(
      this.#db,
    );
    const jobs = await readJobs(
      this.#runtime,
      this.#db,
      rows.map((row) => row.job_id),
    );
    const ids = jobs.map((j) => j.id);
    const { rows: edges } = await sql<{
      parent_id: string;
      child_id: string;
    }>`select parent_id, child_id from ${this.#runtime.dependencyTable}
      where child_name = ${this.#runtime.queueName} and child_id = any(${ids}::uuid[])`.execute(
      this.#db,
    );
    jobs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    return {
      graphId: job.graphId,
      nodes: jobs.map(graphNode),
      edges: edges.map((e) => [e.parent_id, e.child_id] as const),
      jobs,
    };
  }

  /**
   * What to open for a job (QJ-77): the job function's related action (sync or async, given
   * this admin's env), by default its records; {@link NoRelatedActionError} when there is
   * nothing.
   */
  async relatedAction(id: string): Promise<RelatedAction> {
    const job = await this.get(id);
    const fn = this.#runtime.registry.get(job.functionName);
    const options = fn.relatedAction;
    const records = fn.records?.(job.args as never);
    const action =
      options.enable === false
        ? undefined
        : await (options.action ?? ((input) => openRelatedRecords(input.records)))({
            jobId: id,
            args: job.args as never,
            records,
            env: this.#env,
          });
    if (action === undefined) throw new NoRelatedActionError(id);
    return action;
  }

  /** Delete done and cancelled jobs older than their channel's removal interval (never failed ones). */
  vacuum(): Promise<VacuumReport> {
    return vacuumJobs(this.#runtime, this.#db);
  }

  async #change(
    action: 'requeue' | 'setDone' | 'cancel',
    ids: readonly string[],
  ): Promise<string[]> {
    const who = String(this.#env.userId ?? 'system');
    return this.#env.transaction((tx) =>
      changeJobState(this.#runtime, tx.db as Kysely<unknown>, action, ids, who),
    );
  }
}

function toState(state: string): JobState {
  switch (state) {
    case 'retry':
      return 'pending';
    case 'active':
      return 'started';
    case 'completed':
      return 'done';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'failed';
  }
}
