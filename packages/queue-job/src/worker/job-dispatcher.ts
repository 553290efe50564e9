import { sql, type Kysely } from 'kysely';
import { ChannelCapacity } from '../channels/channel-capacity.js';
import type { Channel } from '../channels/channel.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import type { StoredJobData } from '../engine/stored-job.js';
import type { ClaimedJob } from '../execute/claimed-job.js';

/** What one claim got. @internal */
export interface ClaimResult {
  readonly jobs: ClaimedJob[];
  /** When nothing was claimed: when a job may become ready (eta, throttle), if known. */
  readonly wakeupAt: number | undefined;
}

interface ClaimRow {
  id: string;
  retry_count: number;
  retry_limit: number;
  priority: number;
  data: StoredJobData;
  created_on: Date;
}

interface HeadRow {
  id: string;
  group_id: string;
  start_after: Date;
  due: boolean;
  priority: number;
  created_on: Date;
  seq: string;
}

/** queue_job's order ignoring eta: priority (pg-boss's, descending), creation, sequence. */
function compareHeads(a: HeadRow, b: HeadRow): number {
  return (
    b.priority - a.priority ||
    a.created_on.getTime() - b.created_on.getTime() ||
    Number(BigInt(a.seq) - BigInt(b.seq))
  );
}

interface Candidate {
  id: string;
  group_id: string | null;
}

/**
 * Claim order: pg-boss's fetch index order (priority, creation). Jobs created by one statement
 * share their creation time and keep the index's (insertion) order; reading each job's `seq` here
 * would sort every tied row on each claim. Sequential heads use `seq` exactly (HEAD_ORDER).
 */
const ORDER = sql.raw('priority desc, created_on');
const HEAD_ORDER = sql.raw(`priority desc, created_on, (data->>'seq')::bigint`);
const ROUNDS = 3;

/**
 * Claims ready jobs for a worker, honouring the channel tree across every process: claims are
 * serialised by a transaction-scoped advisory lock, the running and failed jobs are counted in the
 * job table, and candidates are taken in queue_job's order (priority, creation) while
 * every channel on their path has room. A claim marks jobs `active` like pg-boss's fetch does.
 * @internal
 */
export class JobDispatcher {
  readonly #runtime: QueueRuntime;
  readonly #db: Kysely<unknown>;
  readonly #lockKey: string;
  readonly #sequential: Channel[];
  readonly #throttled: Channel[];
  readonly #unlimitedFlat: boolean;

  constructor(runtime: QueueRuntime, db: Kysely<unknown>) {
    this.#runtime = runtime;
    this.#db = db;
    this.#lockKey = `queue_job.dispatch:${runtime.schema}.${runtime.queueName}`;
    const channels = runtime.tree.all();
    this.#sequential = channels.filter((c) => c.sequential);
    this.#throttled = channels.filter((c) => c.throttle !== undefined);
    this.#unlimitedFlat = channels.every(
      (c) => c.unlimited && !c.sequential && c.throttle === undefined,
    );
  }

  /** Claim up to `want` jobs. */
  async claim(want: number): Promise<ClaimResult> {
    if (want <= 0) return { jobs: [], wakeupAt: undefined };
    if (this.#unlimitedFlat) return this.#claimUnlimited(want);
    return this.#db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${this.#lockKey}, 0))`.execute(trx);
      const capacity = await this.#capacity(trx);
      const { allowed, wakeupAt: headWakeup } = await this.#sequentialHeads(trx, capacity);
      const picked = await this.#pick(trx, capacity, allowed, want);
      const jobs = await this.#markActive(
        trx,
        picked.map((p) => p.id),
      );
      await this.#recordThrottle(
        trx,
        picked.flatMap((p) => p.throttled),
      );
      const wakeupAt =
        jobs.length === 0 ? await this.#wakeup(trx, capacity, headWakeup) : undefined;
      return { jobs, wakeupAt };
    });
  }

  /** One statement, like pg-boss's fetch; when it claims nothing it also returns the next eta. */
  async #claimUnlimited(want: number): Promise<ClaimResult> {
    const runtime = this.#runtime;
    const { rows } = await sql<ClaimRow & { next_eta: Date | null }>`with claimed as (
        update ${runtime.jobTable} j set state = 'active', started_on = now(), heartbeat_on = now(),
          retry_count = case when j.started_on is not null then j.retry_count + 1 else j.retry_count end
        where j.name = ${runtime.queueName} and j.id = any(array(
          select id from ${runtime.jobTable}
          where name = ${runtime.queueName} and state < 'active' and not blocked and start_after <= now()
          order by ${ORDER} limit ${want} for update skip locked))
        returning j.id, j.retry_count, j.retry_limit, j.priority, j.data, j.created_on
      )
      select id, retry_count, retry_limit, priority, data, created_on, null::timestamptz as next_eta from claimed
      union all
      select null::uuid, null::int, null::int, null::int, null::jsonb, null::timestamptz,
        (select min(start_after) from ${runtime.jobTable}
          where name = ${runtime.queueName} and state < 'active' and not blocked and start_after > now())
      where not exists (select 1 from claimed)`.execute(this.#db);
    const jobs = rows.filter((row) => row.id !== null).map(toClaimed);
    const wakeupAt = rows.find((row) => row.id === null)?.next_eta?.getTime();
    return { jobs, wakeupAt };
  }

  async #capacity(db: Kysely<unknown>): Promise<ChannelCapacity> {
    const runtime = this.#runtime;
    const failed = this.#sequential.length > 0 ? sql`or state = 'failed'` : sql``;
    const { rows } = await sql<{
      group_id: string | null;
      running: number;
      failed: number;
      now: Date;
    }>`
      select group_id, count(*) filter (where state = 'active')::int as running,
        count(*) filter (where state = 'failed')::int as failed, now() as now
      from ${runtime.jobTable} where name = ${runtime.queueName} and (state = 'active' ${failed})
      group by group_id
      union all select null, 0, 0, now()`.execute(db);
    const now = (rows[rows.length - 1] as { now: Date }).now.getTime();
    const capacity = new ChannelCapacity(runtime.tree, now);
    for (const row of rows) {
      if (row.running > 0) capacity.addRunning(row.group_id, row.running);
      if (row.failed > 0) capacity.addFailed(row.group_id, row.failed);
    }
    if (this.#throttled.length > 0) {
      const names = this.#throttled.map((c) => c.fullName);
      const { rows: starts } = await sql<{
        channel: string;
        last_started_at: Date;
      }>`select channel, last_started_at
        from queue_job_channel_state where channel = any(${names}::text[])`.execute(db);
      for (const row of starts) capacity.setLastStart(row.channel, row.last_started_at.getTime());
    }
    return capacity;
  }

  /** The head of each open sequential channel: only it may start, and only when due (QJ-57). */
  async #sequentialHeads(
    db: Kysely<unknown>,
    capacity: ChannelCapacity,
  ): Promise<{ allowed: Map<Channel, string>; wakeupAt: number | undefined }> {
    const allowed = new Map<Channel, string>();
    let wakeupAt: number | undefined;
    const open = this.#sequential.filter((c) => !capacity.blocked(c));
    if (open.length === 0) return { allowed, wakeupAt };
    const names = this.#groupsOf(open);
    const { rows } =
      await sql<HeadRow>`select distinct on (group_id) id, group_id, start_after, start_after <= now() as due,
        priority, created_on, (data->>'seq')::bigint as seq
      from ${this.#runtime.jobTable} where name = ${this.#runtime.queueName} and state < 'active' and not blocked and group_id = any(${names}::text[])
      order by group_id, ${HEAD_ORDER}`.execute(db);
    for (const channel of open) {
      const head = rows
        .filter((row) => capacity.channelOf(row.group_id) === channel)
        .sort(compareHeads)[0];
      if (head === undefined) continue;
      if (head.due) allowed.set(channel, head.id);
      else wakeupAt = Math.min(wakeupAt ?? Infinity, head.start_after.getTime());
    }
    return { allowed, wakeupAt };
  }

  async #pick(
    db: Kysely<unknown>,
    capacity: ChannelCapacity,
    heads: Map<Channel, string>,
    want: number,
  ): Promise<{ id: string; throttled: Channel[] }[]> {
    const picked: { id: string; throttled: Channel[] }[] = [];
    const limit = Math.max(want * 4, 16);
    for (let round = 0; round < ROUNDS && picked.length < want; round++) {
      const closed = capacity.closed(this.#runtime.knownChannels);
      if (capacity.blocked(this.#runtime.tree.root)) break;
      const taken = picked.map((p) => p.id);
      const { rows } = await sql<Candidate>`select id, group_id from ${this.#runtime.jobTable}
        where name = ${this.#runtime.queueName} and state < 'active' and not blocked and start_after <= now()
          and not (coalesce(group_id, 'root') = any(${closed}::text[])) and not (id = any(${taken}::uuid[]))
        order by ${ORDER} limit ${limit} for update skip locked`.execute(db);
      for (const row of rows) {
        if (picked.length >= want) break;
        const channel = capacity.channelOf(row.group_id);
        if (capacity.blocked(channel)) continue;
        const sequential = channel.path().find((c) => c.sequential);
        if (sequential !== undefined && heads.get(sequential) !== row.id) continue;
        picked.push({ id: row.id, throttled: capacity.take(channel) });
      }
      if (rows.length < limit) break;
    }
    return picked;
  }

  async #markActive(db: Kysely<unknown>, ids: string[]): Promise<ClaimedJob[]> {
    if (ids.length === 0) return [];
    const { rows } =
      await sql<ClaimRow>`update ${this.#runtime.jobTable} set state = 'active', started_on = now(), heartbeat_on = now(),
        retry_count = case when started_on is not null then retry_count + 1 else retry_count end
      where name = ${this.#runtime.queueName} and id = any(${ids}::uuid[])
      returning id, retry_count, retry_limit, priority, data, created_on`.execute(db);
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.map(toClaimed).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  async #recordThrottle(db: Kysely<unknown>, channels: Channel[]): Promise<void> {
    const names = [...new Set(channels.map((c) => c.fullName))];
    if (names.length === 0) return;
    await sql`insert into queue_job_channel_state (channel, last_started_at) select c, now() from unnest(${names}::text[]) as c
      on conflict (channel) do update set last_started_at = excluded.last_started_at`.execute(db);
  }

  async #wakeup(
    db: Kysely<unknown>,
    capacity: ChannelCapacity | undefined,
    headWakeup: number | undefined,
  ): Promise<number | undefined> {
    const { rows } = await sql<{
      next: Date | null;
    }>`select min(start_after) as next from ${this.#runtime.jobTable}
      where name = ${this.#runtime.queueName} and state < 'active' and not blocked and start_after > now()`.execute(
      db,
    );
    const candidates = [rows[0]?.next?.getTime(), capacity?.throttleWakeup(), headWakeup].filter(
      (t): t is number => t !== undefined,
    );
    return candidates.length === 0 ? undefined : Math.min(...candidates);
  }

  #groupsOf(channels: Channel[]): string[] {
    const wanted = new Set(channels);
    return [...this.#runtime.knownChannels].filter((name) =>
      wanted.has(this.#runtime.tree.get(name, { parentFallback: true })),
    );
  }
}

function toClaimed(row: ClaimRow): ClaimedJob {
  return {
    id: row.id,
    retryCount: row.retry_count,
    retryLimit: row.retry_limit,
    priority: row.priority,
    data: row.data,
    createdOn: row.created_on,
  };
}
