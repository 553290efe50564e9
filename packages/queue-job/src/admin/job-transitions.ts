import { sql, type Kysely, type RawBuilder } from 'kysely';
import { releaseDependents, wakeWorkers } from '../engine/job-dependents.js';
import { jobState } from '../engine/job-reader.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import { INFINITE_RETRY_BASE } from '../engine/stored-job.js';
import { JobStateError } from '../errors/job-state-error.js';
import { NoSuchJobError } from '../errors/no-such-job-error.js';
import type { JobState } from '../jobs/job-state.js';

/** A manual state change (queue_job's `_change_job_state` and its wizards). */
export type JobAction = 'requeue' | 'setDone' | 'cancel';

/** The states each action applies to (QJ-19–21); others throw `JobStateError`. */
export const ACTION_STATES: Readonly<Record<JobAction, readonly JobState[]>> = {
  requeue: ['pending', 'failed', 'cancelled', 'done'],
  setDone: ['wait_dependencies', 'pending', 'failed'],
  cancel: ['wait_dependencies', 'pending', 'failed'],
};

const RETENTION = sql.raw(`interval '${10 * 365} days'`);

/**
 * Lock the jobs, check every one may take the action (all or nothing), then apply it. Returns the
 * changed ids. @internal
 */
export async function changeJobState(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
  action: JobAction,
  ids: readonly string[],
  who: string,
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    state: string;
    blocked: boolean;
  }>`select id, state, blocked from ${runtime.jobTable}
    where name = ${runtime.queueName} and id = any(${unique}::uuid[]) for update`.execute(db);
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const id of unique) {
    const row = byId.get(id);
    if (row === undefined) throw new NoSuchJobError(id);
    const state = jobState(row);
    if (!ACTION_STATES[action].includes(state)) throw new JobStateError(id, state, action);
  }
  switch (action) {
    case 'requeue':
      await requeue(runtime, db, unique);
      break;
    case 'setDone':
      await update(
        runtime,
        db,
        unique,
        sql`state = 'completed', completed_on = now(), blocked = false, pending_dependencies = 0,
        output = jsonb_build_object('result', ${`Manually set to done by ${who}`}::text)`,
      );
      await releaseDependents(runtime, db, unique);
      break;
    case 'cancel':
      await update(
        runtime,
        db,
        unique,
        sql`state = 'cancelled', completed_on = now(),
        output = jsonb_build_object('result', ${`Cancelled by ${who}`}::text)`,
      );
      break;
  }
  return unique;
}

async function update(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
  ids: readonly string[],
  set: RawBuilder<unknown>,
): Promise<void> {
  await sql`update ${runtime.jobTable} set ${set} where name = ${runtime.queueName} and id = any(${ids}::uuid[])`.execute(
    db,
  );
}

/**
 * Back to pending with the try counter reset (QJ-19); `wait_dependencies` instead when a parent is
 * not done.
 */
async function requeue(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
  ids: readonly string[],
): Promise<void> {
  const dep = runtime.dependencyTable;
  const job = runtime.jobTable;
  await sql`with waiting as (
      select d.child_id as id, count(*)::int as n from ${dep} d join ${job} p on p.name = d.parent_name and p.id = d.parent_id
      where d.child_name = ${runtime.queueName} and d.child_id = any(${ids}::uuid[]) and p.state <> 'completed'
      group by d.child_id
    )
    update ${job} j set state = 'created', retry_count = 0, started_on = null, completed_on = null, heartbeat_on = null,
      output = null, start_after = now(), keep_until = now() + ${RETENTION}, data = j.data - 'ignoredRetries',
      retry_limit = case when (j.data->>'maxRetries')::int = 0 then ${INFINITE_RETRY_BASE} else (j.data->>'maxRetries')::int - 1 end,
      pending_dependencies = coalesce(w.n, 0), blocked = coalesce(w.n, 0) > 0
    from (select unnest(${ids}::uuid[]) as id) as target left join waiting w on w.id = target.id
    where j.name = ${runtime.queueName} and j.id = target.id`.execute(db);
  await wakeWorkers(runtime, db);
}
