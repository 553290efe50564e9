import { Env } from '@bindery/model';
import { sql, type Kysely, type Transaction } from 'kysely';
import { releaseDependents } from '../engine/job-dependents.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import type { StoredJobOutput } from '../engine/stored-job.js';
import type { JobFunction } from '../jobs/job-definition.js';
import { decodeJobValue, encodeJobValue } from '../jobs/job-value-codec.js';
import { claimedJobInfo, type ClaimedJob } from './claimed-job.js';
import { autonomousRunner, jobEnv } from './job-env.js';
import {
  BATCH_SAVEPOINT,
  lazySavepointTransaction,
  type SavepointState,
} from './lazy-savepoint.js';
import { LostClaim, type JobExecutor, type JobOutcome } from './job-executor.js';

interface Failure {
  readonly job: ClaimedJob;
  readonly fn: JobFunction<never, unknown> | undefined;
  readonly error: unknown;
}

/**
 * Runs several claimed jobs in one transaction (a worker's `batchSize`), each behind a savepoint
 * taken before its first statement: a job that throws is rolled back alone and settled afterwards; the others complete together in
 * one statement and one commit. Each job's writes still commit with its completion. If the batch
 * cannot commit, its jobs run again one by one. @internal
 */
export class BatchExecutor {
  readonly #runtime: QueueRuntime;
  readonly #base: Env;
  readonly #single: JobExecutor;

  constructor(runtime: QueueRuntime, base: Env, single: JobExecutor) {
    this.#runtime = runtime;
    this.#base = base;
    this.#single = single;
  }

  /** Run the jobs; resolves with each job's outcome (never throws). */
  async execute(
    jobs: readonly ClaimedJob[],
    signal: AbortSignal,
  ): Promise<Map<string, JobOutcome>> {
    const outcomes = new Map<string, JobOutcome>();
    const failures: Failure[] = [];
    let completed: ClaimedJob[] = [];
    try {
      completed = await (this.#base.db as Kysely<unknown>).transaction().execute(async (trx) => {
        const done = await this.#runAll(trx, jobs, signal, failures);
        await this.#completeAll(trx, done);
        return done.map(({ job }) => job);
      });
      for (const job of completed) outcomes.set(job.id, 'done');
    } catch (error) {
      if (signal.aborted) return new Map(jobs.map((job) => [job.id, 'lost' as const]));
      // The batch did not commit: nothing of it is stored. Run each job again on its own.
      failures.length = 0;
      for (const job of jobs) outcomes.set(job.id, await this.#single.execute(job, signal));
      if (!(error instanceof LostClaim)) this.#runtime.reportError(error);
      return outcomes;
    }
    for (const failure of failures) {
      outcomes.set(
        failure.job.id,
        signal.aborted ? 'lost' : await this.#single.settle(failure.job, failure.fn, failure.error),
      );
    }
    return outcomes;
  }

  async #runAll(
    trx: Transaction<unknown>,
    jobs: readonly ClaimedJob[],
    signal: AbortSignal,
    failures: Failure[],
  ) {
    const done: { job: ClaimedJob; output: StoredJobOutput }[] = [];
    for (const job of jobs) {
      let fn: JobFunction<never, unknown> | undefined;
      try {
        fn = this.#runtime.registry.get(job.data.fn);
      } catch (error) {
        failures.push({ job, fn, error });
        continue;
      }
      const savepoint: SavepointState = { pending: true, taken: false };
      const db = lazySavepointTransaction(trx, savepoint);
      const base = new Env({
        db: db as never,
        models: this.#base.models,
        components: this.#base.components,
      });
      try {
        const args = decodeJobValue(job.data.args, this.#runtime.codecs) as never;
        const value = await fn.run(
          {
            env: jobEnv(this.#runtime, base, job.data, job.id),
            job: claimedJobInfo(job),
            signal,
            autonomous: autonomousRunner(this.#runtime, this.#base, job.data, job.id),
          },
          args,
        );
        done.push({
          job,
          output:
            value === undefined
              ? {}
              : { result: encodeJobValue(value, this.#runtime.codecs, 'result') },
        });
      } catch (error) {
        if (savepoint.taken) await sql.raw(`rollback to savepoint ${BATCH_SAVEPOINT}`).execute(trx);
        failures.push({ job, fn, error });
      }
    }
    return done;
  }

  /** Complete every successful job in one fenced statement; a missing claim aborts the batch. */
  async #completeAll(
    trx: Kysely<unknown>,
    done: readonly { job: ClaimedJob; output: StoredJobOutput }[],
  ): Promise<void> {
    if (done.length === 0) return;
    const rows = done.map(({ job, output }) => ({
      id: job.id,
      retry_count: job.retryCount,
      output,
    }));
    const { rows: settled } = await sql<{ id: string }>`update ${this.#runtime.jobTable} j
      set state = 'completed', completed_on = now(), output = x.output
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id uuid, retry_count int, output jsonb)
      where j.name = ${this.#runtime.queueName} and j.id = x.id and j.state = 'active' and j.retry_count = x.retry_count
      returning j.id`.execute(trx);
    if (settled.length !== done.length) throw new LostClaim();
    const parents = done.filter(({ job }) => job.data.graph !== undefined).map(({ job }) => job.id);
    await releaseDependents(this.#runtime, trx, parents);
  }
}
