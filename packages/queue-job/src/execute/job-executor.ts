import type { Env } from '@bindery/model';
import { sql, type Kysely } from 'kysely';
import { affectedJobs, bossDatabase } from '../engine/boss-database.js';
import { releaseDependents } from '../engine/job-dependents.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import type { StoredJobOutput } from '../engine/stored-job.js';
import { NothingToDoJob } from '../errors/nothing-to-do-job.js';
import type { JobFunction } from '../jobs/job-definition.js';
import { decodeJobValue, encodeJobValue } from '../jobs/job-value-codec.js';
import { claimedJobInfo, type ClaimedJob } from './claimed-job.js';
import { DATABASE_RETRY_SECONDS, isRetryableDatabaseError } from './database-errors.js';
import { notifyFailure } from './failure-hook.js';
import { autonomousRunner, jobEnv } from './job-env.js';
import { asRetryable, decideRetry } from './retry-decision.js';

/** How a try ended: `lost` when the claim was gone at completion (cancelled, expired). */
export type JobOutcome = 'done' | 'postponed' | 'failed' | 'lost';

/** Thrown inside the job transaction when the completion does not apply: rolls everything back. @internal */
export class LostClaim extends Error {}

/**
 * Runs claimed jobs: the job function and the completion in one transaction; on error, a new
 * transaction records the outcome (postponed by queue_job's retry rules, done for
 * `NothingToDoJob`, failed otherwise). @internal
 */
export class JobExecutor {
  readonly #runtime: QueueRuntime;
  readonly #base: Env;

  constructor(runtime: QueueRuntime, base: Env) {
    this.#runtime = runtime;
    this.#base = base;
  }

  /** Run one claimed job to its outcome; never throws. */
  async execute(job: ClaimedJob, signal: AbortSignal): Promise<JobOutcome> {
    let fn: JobFunction<never, unknown> | undefined;
    try {
      fn = this.#runtime.registry.get(job.data.fn);
      await this.#runAndComplete(fn, job, signal);
      return 'done';
    } catch (error) {
      // Aborted by its worker (stop, expiry): leave the claim to expire, as after a crash.
      if (signal.aborted) return 'lost';
      return this.settle(job, fn, error);
    }
  }

  async #runAndComplete(
    fn: JobFunction<never, unknown>,
    job: ClaimedJob,
    signal: AbortSignal,
  ): Promise<void> {
    const args = decodeJobValue(job.data.args, this.#runtime.codecs) as never;
    const env = jobEnv(this.#runtime, this.#base, job.data, job.id);
    await env.transaction(async (tx) => {
      const autonomous = autonomousRunner(this.#runtime, this.#base, job.data, job.id);
      const value = await fn.run({ env: tx, job: claimedJobInfo(job), signal, autonomous }, args);
      const output: StoredJobOutput =
        value === undefined
          ? {}
          : { result: encodeJobValue(value, this.#runtime.codecs, 'result') };
      await this.#complete(tx.db as Kysely<unknown>, job, output);
    });
  }

  async #complete(db: Kysely<unknown>, job: ClaimedJob, output: StoredJobOutput): Promise<void> {
    const boss = this.#runtime.requireBoss();
    const settled = await boss.complete(
      this.#runtime.queueName,
      { id: job.id, retryCount: job.retryCount },
      output,
      { db: bossDatabase(db) },
    );
    if (affectedJobs(settled) !== 1) throw new LostClaim();
    if (job.data.graph !== undefined) await releaseDependents(this.#runtime, db, [job.id]);
  }

  /** Record the outcome of a try that threw (its transaction was rolled back); never throws. */
  async settle(
    job: ClaimedJob,
    fn: JobFunction<never, unknown> | undefined,
    error: unknown,
  ): Promise<JobOutcome> {
    return this.#settleError(job, fn, error).catch((settleError: unknown) => {
      this.#runtime.reportError(settleError);
      return 'lost' as const;
    });
  }

  async #settleError(
    job: ClaimedJob,
    fn: JobFunction<never, unknown> | undefined,
    error: unknown,
  ): Promise<JobOutcome> {
    if (error instanceof LostClaim) return 'lost';
    if (NothingToDoJob.isInstance(error)) {
      try {
        await this.#inTransaction((db) => this.#complete(db, job, { result: error.message }));
        return 'done';
      } catch (settleError) {
        if (settleError instanceof LostClaim) return 'lost';
        throw settleError;
      }
    }
    const retryable = asRetryable(error, isRetryableDatabaseError(error), DATABASE_RETRY_SECONDS);
    if (retryable === undefined || fn === undefined) return this.#fail(job, error);
    const info = claimedJobInfo(job);
    const decision = decideRetry(retryable, {
      retry: info.retry,
      maxRetries: info.maxRetries,
      pattern: fn.retryPattern,
    });
    if (decision.kind === 'fail') return this.#fail(job, decision.error);
    return this.#postpone(job, decision.seconds, decision.ignoreRetry, decision.message);
  }

  async #postpone(
    job: ClaimedJob,
    seconds: number,
    ignoreRetry: boolean,
    message: string,
  ): Promise<JobOutcome> {
    const { queueName } = this.#runtime;
    return this.#inTransaction(async (db) => {
      if (ignoreRetry) {
        await this.#updateRunning(
          db,
          job,
          sql`retry_limit = retry_limit + 1, data = jsonb_set(data, '{ignoredRetries}', to_jsonb(coalesce((data->>'ignoredRetries')::int, 0) + 1))`,
        );
      }
      const boss = this.#runtime.requireBoss();
      const settled = await boss.fail(
        queueName,
        { id: job.id, retryCount: job.retryCount },
        { result: message },
        { db: bossDatabase(db) },
      );
      if (affectedJobs(settled) !== 1) return 'lost';
      await boss.update(queueName, undefined, {
        id: job.id,
        startAfter: new Date(Date.now() + seconds * 1000),
        db: bossDatabase(db),
      });
      return 'postponed';
    });
  }

  async #fail(job: ClaimedJob, error: unknown): Promise<JobOutcome> {
    const outcome = await this.#inTransaction(async (db) => {
      await this.#updateRunning(db, job, sql`retry_limit = retry_count`);
      const boss = this.#runtime.requireBoss();
      const settled = await boss.fail(
        this.#runtime.queueName,
        { id: job.id, retryCount: job.retryCount },
        failureOutput(error),
        { db: bossDatabase(db) },
      );
      return affectedJobs(settled) === 1 ? ('failed' as const) : ('lost' as const);
    });
    if (outcome === 'failed')
      await notifyFailure(this.#runtime, this.#base.db as Kysely<unknown>, job.id, error);
    return outcome;
  }

  /** Update the row of the running try (fenced on its attempt): pg-boss's retry limit, ignored tries. */
  async #updateRunning(
    db: Kysely<unknown>,
    job: ClaimedJob,
    assignments: ReturnType<typeof sql>,
  ): Promise<void> {
    await sql`update ${this.#runtime.jobTable} set ${assignments}
      where name = ${this.#runtime.queueName} and id = ${job.id} and state = 'active' and retry_count = ${job.retryCount}`.execute(
      db,
    );
  }

  #inTransaction<T>(fn: (db: Kysely<unknown>) => Promise<T>): Promise<T> {
    return (this.#base.db as Kysely<unknown>).transaction().execute(fn);
  }
}

/** The stored failure: class name, message and stack (QJ-18). */
export function failureOutput(error: unknown): StoredJobOutput {
  if (error instanceof Error) {
    return {
      excName: error.name,
      excMessage: error.message,
      excInfo: error.stack ?? `${error.name}: ${error.message}`,
    };
  }
  return { excName: typeof error, excMessage: String(error), excInfo: String(error) };
}
