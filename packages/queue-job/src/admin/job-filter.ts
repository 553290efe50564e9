import { sql, type RawBuilder } from 'kysely';
import { normalizeChannelName } from '../channels/channel-tree.js';
import type { JobState } from '../jobs/job-state.js';

/** Which jobs to list or count. Every given criterion must match. */
export interface JobFilter {
  /** One state or any of several. */
  readonly state?: JobState | readonly JobState[];
  /** A channel: its jobs and those of its sub-channels. */
  readonly channel?: string;
  /** A job function name. */
  readonly functionName?: string;
  /** Jobs of one graph. */
  readonly graphId?: string;
  /** Jobs of one batch. */
  readonly batchId?: string;
  /** Jobs enqueued for one company (multi-company apps). */
  readonly companyId?: string | number;
  /** Jobs enqueued by one user. */
  readonly userId?: string | number;
}

const STATE_SQL: Readonly<Record<JobState, string>> = {
  wait_dependencies: "(state = 'created' and blocked)",
  pending: "((state = 'created' and not blocked) or state = 'retry')",
  started: "state = 'active'",
  done: "state = 'completed'",
  cancelled: "state = 'cancelled'",
  failed: "state = 'failed'",
};

/** The SQL condition of a state (on pg-boss's columns). @internal */
export function stateCondition(state: JobState): RawBuilder<unknown> {
  return sql.raw(STATE_SQL[state]);
}

/** The SQL conditions of a filter, joined with `and`. @internal */
export function filterConditions(filter: JobFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (filter.state !== undefined) {
    const states: readonly JobState[] =
      typeof filter.state === 'string' ? [filter.state] : filter.state;
    parts.push(
      states.length === 0 ? sql`false` : sql`(${sql.join(states.map(stateCondition), sql` or `)})`,
    );
  }
  if (filter.channel !== undefined) {
    const channel = normalizeChannelName(filter.channel);
    parts.push(sql`(group_id = ${channel} or starts_with(group_id, ${`${channel}.`}))`);
  }
  if (filter.functionName !== undefined) parts.push(sql`data->>'fn' = ${filter.functionName}`);
  if (filter.graphId !== undefined) parts.push(sql`data->>'graph' = ${filter.graphId}`);
  if (filter.batchId !== undefined) parts.push(sql`data->>'batch' = ${filter.batchId}`);
  if (filter.companyId !== undefined)
    parts.push(sql`data->'env'->>'companyId' = ${String(filter.companyId)}`);
  if (filter.userId !== undefined)
    parts.push(sql`data->'env'->>'userId' = ${String(filter.userId)}`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}
