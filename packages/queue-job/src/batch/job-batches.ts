import type { Env } from '@bindery/model';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import { NoSuchJobError } from '../errors/no-such-job-error.js';

/** A batch's state (queue_job_batch): draft → enqueued → progress → finished. */
export type JobBatchState = 'draft' | 'enqueued' | 'progress' | 'finished';

/** A job batch and its progress, computed when read. */
export interface JobBatch {
  readonly id: string;
  readonly name: string;
  readonly state: JobBatchState;
  readonly userId: string | undefined;
  readonly companyId: string | undefined;
  readonly jobCount: number;
  /** Jobs done. */
  readonly finishedJobCount: number;
  readonly failedJobCount: number;
  /** Done ÷ all, 0..1. */
  readonly completeness: number;
  /** Failed ÷ all, 0..1. */
  readonly failedPercentage: number;
  readonly isRead: boolean;
  readonly createdAt: Date;
}

interface BatchRow {
  id: string;
  name: string;
  user_id: string | null;
  company_id: string | null;
  enqueued_at: Date | null;
  created_at: Date;
  is_read: boolean;
  total: number;
  done: number;
  failed: number;
  pending: number;
}

/**
 * Job batches (queue_job_batch): create a draft, enqueue jobs with `{ batchId }`, then `enqueue()`
 * it; its progress and state come from its jobs' states. Made by `queue.batches(env)`.
 *
 * @example
 * ```ts
 * const batch = await queue.batches(env).create('Import catalogue');
 * await queue.for(env).delayMany(importProduct, ids.map((id) => ({ id })), { batchId: batch.id });
 * await queue.batches(env).enqueue(batch.id);
 * ```
 */
export class JobBatches {
  readonly #runtime: QueueRuntime;
  readonly #env: Env;

  /** @internal Use `queue.batches(env)`. */
  constructor(runtime: QueueRuntime, env: Env) {
    this.#runtime = runtime;
    this.#env = env;
  }

  get #db(): Kysely<unknown> {
    return this.#env.db as Kysely<unknown>;
  }

  /** A new draft batch owned by the env's user and company. */
  async create(name: string): Promise<JobBatch> {
    const id = randomUUID();
    const { userId, companyId } = this.#env;
    await sql`insert into queue_job_batch (id, name, user_id, company_id)
      values (${id}, ${name}, ${userId === undefined ? null : String(userId)}, ${companyId === undefined ? null : String(companyId)})`.execute(
      this.#db,
    );
    return this.get(id);
  }

  /** Draft → enqueued (jobs were attached with `batchId`). */
  async enqueue(id: string): Promise<JobBatch> {
    await sql`update queue_job_batch set enqueued_at = coalesce(enqueued_at, now()) where id = ${id}::uuid`.execute(
      this.#db,
    );
    return this.get(id);
  }

  /** Mark read (the systray's "seen"). */
  async setRead(id: string): Promise<void> {
    await sql`update queue_job_batch set is_read = true where id = ${id}::uuid`.execute(this.#db);
  }

  /** One batch with its progress; `NoSuchJobError` when unknown. */
  async get(id: string): Promise<JobBatch> {
    const [batch] = await this.#read(sql`b.id = ${id}::uuid`);
    if (batch === undefined) throw new NoSuchJobError(id);
    return batch;
  }

  /** The env's user's batches, newest first. */
  async list(): Promise<JobBatch[]> {
    const user = this.#env.userId;
    return this.#read(
      user === undefined ? sql`b.user_id is null` : sql`b.user_id = ${String(user)}`,
    );
  }

  async #read(where: ReturnType<typeof sql>): Promise<JobBatch[]> {
    const { rows } =
      await sql<BatchRow>`select b.id, b.name, b.user_id, b.company_id, b.enqueued_at, b.created_at, b.is_read,
        count(j.id)::int as total, count(j.id) filter (where j.state = 'completed')::int as done,
        count(j.id) filter (where j.state = 'failed')::int as failed,
        count(j.id) filter (where j.state in ('created', 'retry'))::int as pending
      from queue_job_batch b
      left join queue_job_batch_job m on m.batch_id = b.id
      left join ${this.#runtime.jobTable} j on j.name = ${this.#runtime.queueName} and j.id = m.job_id
      where ${where}
      group by b.id order by b.created_at desc`.execute(this.#db);
    return rows.map(toBatch);
  }
}

function toBatch(row: BatchRow): JobBatch {
  const state: JobBatchState =
    row.enqueued_at === null
      ? 'draft'
      : row.total > 0 && row.done === row.total
        ? 'finished'
        : row.pending < row.total
          ? 'progress'
          : 'enqueued';
  return {
    id: row.id,
    name: row.name,
    state,
    userId: row.user_id ?? undefined,
    companyId: row.company_id ?? undefined,
    jobCount: row.total,
    finishedJobCount: row.done,
    failedJobCount: row.failed,
    completeness: row.total === 0 ? 0 : row.done / row.total,
    failedPercentage: row.total === 0 ? 0 : row.failed / row.total,
    isRead: row.is_read,
    createdAt: row.created_at,
  };
}
