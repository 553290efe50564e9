import { sql, type Kysely } from 'kysely';
import type { JobRecord } from '../jobs/job-info.js';
import type { JobState } from '../jobs/job-state.js';
import { decodeJobValue } from '../jobs/job-value-codec.js';
import type { QueueRuntime } from './queue-runtime.js';
import { triesOf, type JobRow, type StoredJobOutput } from './stored-job.js';

/** The columns every job read selects. @internal */
export const JOB_COLUMNS = sql.raw(
  'id, state, blocked, priority, data, output, retry_count, retry_limit, start_after, created_on, started_on, completed_on, group_id, singleton_key',
);

/** queue_job's state of a pg-boss row (`created` + blocked is `wait_dependencies`). @internal */
export function jobState(row: Pick<JobRow, 'state' | 'blocked'>): JobState {
  switch (row.state) {
    case 'created':
      return row.blocked ? 'wait_dependencies' : 'pending';
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

/** A stored row as a {@link JobRecord}. @internal */
export function toJobRecord(runtime: QueueRuntime, row: JobRow): JobRecord {
  const { data } = row;
  const output = withEngineFailure(row.output ?? {});
  const execTime =
    row.started_on !== null && row.completed_on !== null
      ? (row.completed_on.getTime() - row.started_on.getTime()) / 1000
      : undefined;
  return {
    id: row.id,
    functionName: data.fn,
    description: data.description,
    channel: data.channel,
    priority: -row.priority,
    retry: triesOf({ retry_count: row.retry_count, started: row.started_on !== null, data }),
    maxRetries: data.maxRetries,
    graphId: data.graph,
    identityKey: data.identityKey,
    batchId: data.batch,
    createdAt: row.created_on,
    state: jobState(row),
    eta: row.start_after,
    args: decodeJobValue(data.args, runtime.codecs),
    result: output.result === undefined ? undefined : decodeJobValue(output.result, runtime.codecs),
    excName: output.excName,
    excMessage: output.excMessage,
    excInfo: output.excInfo,
    startedAt: row.started_on ?? undefined,
    endedAt: row.completed_on ?? undefined,
    execTime,
    userId: data.env.userId,
    companyId: data.env.companyId,
  };
}

/** Read jobs by id (missing ids are left out). @internal */
export async function readJobs(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
  ids: readonly string[],
): Promise<JobRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<JobRow>`select ${JOB_COLUMNS} from ${runtime.jobTable}
    where name = ${runtime.queueName} and id = any(${ids}::uuid[])`.execute(db);
  const byId = new Map(rows.map((row) => [row.id, toJobRecord(runtime, row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * pg-boss fails a job itself when its worker is gone (expiry, heartbeat, shutdown) and stores
 * `{ value: { message } }`: present it like a job failure. @internal
 */
function withEngineFailure(output: StoredJobOutput): StoredJobOutput {
  const engine = (output as { value?: { message?: unknown } }).value;
  if (output.excMessage !== undefined || typeof engine?.message !== 'string') return output;
  return {
    excName: 'WorkerLostError',
    excMessage: engine.message,
    excInfo: `pg-boss: ${engine.message}`,
  };
}
