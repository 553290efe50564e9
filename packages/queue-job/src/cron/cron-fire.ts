import { Env, type EnvSnapshot } from '@bindery/model';
import { sql, type Kysely } from 'kysely';
import { JobEnqueuer } from '../enqueue/job-enqueuer.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import type { DelayOptions } from '../jobs/delay-options.js';
import { decodeJobValue, type JsonValue } from '../jobs/job-value-codec.js';

/** What a schedule stores in pg-boss (the cron tick's payload). @internal */
export interface CronTickData {
  readonly name: string;
  readonly fn: string;
  readonly args: JsonValue;
  readonly options: Pick<DelayOptions, 'priority' | 'channel' | 'description' | 'maxRetries'>;
  readonly noParallel: boolean;
  readonly env: EnvSnapshot;
}

/** The identity key of a cron's jobs. @internal */
export function cronIdentityKey(name: string): string {
  return `cron:${name}`;
}

/**
 * Enqueue the job of a cron tick as the user who scheduled it (QJ-84). With `noParallel`, nothing
 * is enqueued while a job of this cron is waiting or running. Returns the job id, or `undefined`
 * when skipped. @internal
 */
export async function fireCron(
  runtime: QueueRuntime,
  base: Env,
  tick: CronTickData,
): Promise<string | undefined> {
  const env = Env.restore(base, tick.env, runtime.allowList);
  return env.transaction(async (tx) => {
    const key = cronIdentityKey(tick.name);
    const db = tx.db as Kysely<unknown>;
    if (tick.noParallel) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`queue_job.identity:${key}`}, 0))`.execute(
        db,
      );
      const { rows } = await sql`select 1 from ${runtime.jobTable}
        where name = ${runtime.queueName} and singleton_key = ${key} and state in ('created', 'retry', 'active') limit 1`.execute(
        db,
      );
      if (rows.length > 0) return undefined;
    }
    const args = decodeJobValue(tick.args, runtime.codecs);
    const job = await new JobEnqueuer(runtime, tx).delay(tick.fn, args, {
      ...tick.options,
      identityKey: key,
    });
    return job.existing ? undefined : job.id;
  });
}
