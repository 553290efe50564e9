import { sql, type Kysely } from 'kysely';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import { normalizeChannelName } from '../channels/channel-tree.js';

/** What a vacuum deleted. */
export interface VacuumReport {
  /** Deleted jobs. */
  readonly deleted: number;
}

const BATCH = 1000;

/**
 * queue_job's autovacuum (QJ-69): delete done and cancelled jobs whose end is older than their
 * channel's removal interval (the most specific configured one; `root` 30 days by default), 1000
 * per statement. Failed jobs are never deleted. @internal
 */
export async function vacuumJobs(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
): Promise<VacuumReport> {
  const intervals = new Map<string, number>([['root', 30]]);
  for (const [channel, days] of Object.entries(runtime.options.removalIntervalDays ?? {}))
    intervals.set(normalizeChannelName(channel), days);
  const channels = [...intervals.keys()].sort((a, b) => b.length - a.length);
  let deleted = 0;
  for (const channel of channels) {
    const more = channels.filter((other) => other !== channel && other.startsWith(`${channel}.`));
    const days = intervals.get(channel) ?? 30;
    for (;;) {
      const { rows } = await sql<{ n: number }>`with doomed as (
          select id from ${runtime.jobTable}
          where name = ${runtime.queueName} and state in ('completed', 'cancelled')
            and completed_on < now() - make_interval(days => ${days})
            and (${channel} = 'root' or group_id = ${channel} or starts_with(group_id, ${`${channel}.`}))
            and not (group_id = any(${more}::text[]) or exists (select 1 from unnest(${more}::text[]) m where starts_with(group_id, m || '.')))
          limit ${BATCH}
        ), gone as (delete from ${runtime.jobTable} j using doomed where j.name = ${runtime.queueName} and j.id = doomed.id returning j.id),
        batch as (delete from queue_job_batch_job b using gone where b.job_id = gone.id),
        graph as (delete from queue_job_graph_job g using gone where g.job_id = gone.id),
        deps as (delete from ${runtime.dependencyTable} d using gone where d.child_id = gone.id or d.parent_id = gone.id)
        select count(*)::int as n from gone`.execute(db);
      const n = rows[0]?.n ?? 0;
      deleted += n;
      if (n < BATCH) break;
    }
  }
  return { deleted };
}
