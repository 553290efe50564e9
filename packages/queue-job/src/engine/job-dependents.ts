import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { QueueRuntime } from './queue-runtime.js';

/**
 * Release the children of jobs that just became done, in the same transaction (so a child is
 * ready exactly when its last parent's completion commits, without waiting for pg-boss's
 * background flow resolver). Mirrors what that resolver does for these parents only. Returns how
 * many children became ready; wakes idle workers when any did. @internal
 */
export async function releaseDependents(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
  parentIds: readonly string[],
): Promise<number> {
  if (parentIds.length === 0) return 0;
  const job = runtime.jobTable;
  const { rows } = await sql<{ ready: number }>`with parents as (
      select name, id from ${job}
      where name = ${runtime.queueName} and id = any(${parentIds}::uuid[]) and blocking and state = 'completed'
      for update
    ), counts as (
      select d.child_name, d.child_id, count(*)::int as n
      from ${runtime.dependencyTable} d join parents p on d.parent_name = p.name and d.parent_id = p.id
      group by d.child_name, d.child_id
    ), released as (
      update ${job} c set
        pending_dependencies = greatest(c.pending_dependencies - counts.n, 0),
        blocked = c.pending_dependencies - counts.n > 0,
        start_after = case when c.pending_dependencies - counts.n <= 0 then greatest(c.start_after, now()) else c.start_after end
      from counts
      where c.name = counts.child_name and c.id = counts.child_id and c.blocked
      returning c.blocked
    ), cleared as (
      update ${job} j set blocking = false from parents p where j.name = p.name and j.id = p.id returning 1
    )
    select (select count(*) from released where not blocked)::int as ready, (select count(*) from cleared)::int as cleared`.execute(
    db,
  );
  const ready = rows[0]?.ready ?? 0;
  if (ready > 0) await wakeWorkers(runtime, db);
  return ready;
}

/** The LISTEN channel pg-boss notifies when a job of a notify-enabled queue is ready. @internal */
export function notifyChannel(runtime: QueueRuntime): string {
  return `pgboss_${createHash('sha224').update(runtime.schema).digest('hex').slice(0, 24)}`;
}

/** Wake idle workers of every process when the transaction commits. @internal */
export async function wakeWorkers(runtime: QueueRuntime, db: Kysely<unknown>): Promise<void> {
  await sql`select pg_notify(${notifyChannel(runtime)}, ${runtime.queueName})`.execute(db);
}
