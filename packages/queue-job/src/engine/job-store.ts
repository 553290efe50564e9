import { sql, type Kysely } from 'kysely';
import type { FlowJob, JobInsert } from 'pg-boss';
import { bossDatabase } from './boss-database.js';
import { wakeWorkers } from './job-dependents.js';
import type { EnqueuedJob, PreparedGraph, PreparedJob } from './prepared-job.js';
import type { QueueRuntime } from './queue-runtime.js';
import { baseRetryLimit } from './stored-job.js';

/**
 * Store prepared jobs in the env's transaction (or a new one when identity keys need locks), so
 * they exist if and only if it commits. Identity keys are race-safe: a transaction-scoped advisory
 * lock per key, then a lookup of the waiting jobs with that key. @internal
 */
export async function storeGraph(
  runtime: QueueRuntime,
  graph: PreparedGraph,
): Promise<EnqueuedJob[]> {
  if (runtime.trap !== undefined) return runtime.trap(graph);
  const { env } = graph;
  const needsTransaction =
    graph.graphId !== undefined ||
    graph.jobs.some((job) => job.identityKey !== undefined || job.data.batch !== undefined);
  if (!needsTransaction || env.inTransaction)
    return storeIn(runtime, env.db as Kysely<unknown>, graph);
  return env.transaction((tx) => storeIn(runtime, tx.db as Kysely<unknown>, graph));
}

async function storeIn(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
  graph: PreparedGraph,
): Promise<EnqueuedJob[]> {
  const existing = await existingByIdentity(runtime, db, graph.jobs);
  const keyed = graph.jobs.filter((job) => job.identityKey !== undefined);
  const skip =
    graph.jobs.length === 1
      ? existing.size > 0
      : keyed.length === graph.jobs.length &&
        keyed.every((job) => existing.has(job.identityKey as string));
  if (skip)
    return graph.jobs.map((job) =>
      result(job, existing.get(job.identityKey as string) ?? job.id, true),
    );
  await insertJobs(runtime, db, graph);
  // pg-boss notifies ready jobs only; workers must also learn of etas to plan their wakeup.
  if (graph.jobs.some((job) => job.eta !== undefined)) await wakeWorkers(runtime, db);
  await attachToBatches(db, graph.jobs);
  await recordGraph(db, graph);
  return graph.jobs.map((job) => result(job, job.id, false));
}

function result(job: PreparedJob, id: string, existing: boolean): EnqueuedJob {
  return {
    id,
    functionName: job.fn.name,
    existing,
    graphId: job.data.graph,
    identityKey: job.identityKey,
  };
}

/** Lock every identity key of the jobs (sorted, so concurrent graphs cannot deadlock) and find the waiting jobs that hold them. */
async function existingByIdentity(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
  jobs: readonly PreparedJob[],
): Promise<Map<string, string>> {
  const keys = [
    ...new Set(jobs.flatMap((job) => (job.identityKey === undefined ? [] : [job.identityKey]))),
  ].sort();
  if (keys.length === 0) return new Map();
  await sql`select count(pg_advisory_xact_lock(hashtextextended('queue_job.identity:' || k, 0)))
    from (select k from unnest(${keys}::text[]) as k order by k) as sorted`.execute(db);
  const { rows } = await sql<{
    id: string;
    singleton_key: string;
  }>`select id, singleton_key from ${runtime.jobTable}
    where name = ${runtime.queueName} and singleton_key = any(${keys}::text[]) and state in ('created', 'retry')
    order by created_on`.execute(db);
  const found = new Map<string, string>();
  for (const row of rows) if (!found.has(row.singleton_key)) found.set(row.singleton_key, row.id);
  return found;
}

function jobOptions(job: PreparedJob): Omit<JobInsert, 'data'> {
  return {
    id: job.id,
    priority: -job.priority,
    ...(job.eta === undefined ? {} : { startAfter: job.eta }),
    ...(job.identityKey === undefined ? {} : { singletonKey: job.identityKey }),
    group: { id: job.data.channel },
    retryLimit: baseRetryLimit(job.data.maxRetries),
  };
}

async function insertJobs(
  runtime: QueueRuntime,
  db: Kysely<unknown>,
  graph: PreparedGraph,
): Promise<void> {
  const boss = runtime.requireBoss();
  const options = { db: bossDatabase(db) };
  const { jobs, edges } = graph;
  const [only] = jobs;
  if (jobs.length === 1 && only !== undefined) {
    await boss.send(runtime.queueName, only.data, { ...jobOptions(only), ...options });
  } else if (edges.length === 0) {
    const inserts: JobInsert[] = jobs.map((job) => ({ ...jobOptions(job), data: job.data }));
    await boss.insert(runtime.queueName, inserts, options);
  } else {
    const parents = new Map<string, string[]>();
    for (const [parent, child] of edges)
      parents.set(child, [...(parents.get(child) ?? []), parent]);
    const flow: FlowJob[] = jobs.map((job) => ({
      ref: job.id,
      name: runtime.queueName,
      data: job.data,
      options: jobOptions(job),
      ...(parents.has(job.id) ? { dependsOn: parents.get(job.id) } : {}),
    }));
    await boss.flow(flow, options);
  }
}

async function attachToBatches(db: Kysely<unknown>, jobs: readonly PreparedJob[]): Promise<void> {
  const rows = jobs.filter((job) => job.data.batch !== undefined);
  if (rows.length === 0) return;
  await sql`insert into queue_job_batch_job (batch_id, job_id)
    select b, j from unnest(${rows.map((job) => job.data.batch)}::uuid[], ${rows.map((job) => job.id)}::uuid[]) as t(b, j)`.execute(
    db,
  );
}

async function recordGraph(db: Kysely<unknown>, graph: PreparedGraph): Promise<void> {
  if (graph.graphId === undefined) return;
  await sql`insert into queue_job_graph_job (graph_id, job_id)
    select ${graph.graphId}::uuid, j from unnest(${graph.jobs.map((job) => job.id)}::uuid[]) as j`.execute(
    db,
  );
}
