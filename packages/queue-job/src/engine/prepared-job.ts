import type { Env } from '@bindery/model';
import { randomUUID } from 'node:crypto';
import { JobOptionsError } from '../errors/job-options-error.js';
import type { DelayOptions } from '../jobs/delay-options.js';
import { resolveIdentityKey } from '../jobs/identity-key.js';
import type { JobFunction } from '../jobs/job-definition.js';
import { encodeJobValue } from '../jobs/job-value-codec.js';
import type { QueueRuntime } from './queue-runtime.js';
import type { StoredJobData } from './stored-job.js';

/** A job checked and encoded, ready to store. @internal */
export interface PreparedJob {
  readonly id: string;
  readonly fn: JobFunction<never, unknown>;
  /** The arguments as given (no-delay mode and the trap run them). */
  readonly args: unknown;
  readonly data: StoredJobData;
  readonly priority: number;
  readonly eta: Date | undefined;
  readonly identityKey: string | undefined;
}

/** Jobs to store together, with their edges `[parent id, child id]`. @internal */
export interface PreparedGraph {
  readonly env: Env;
  readonly jobs: readonly PreparedJob[];
  readonly edges: readonly (readonly [string, string])[];
  /** Shared by the jobs of a graph of two or more (`undefined` for lone jobs and bulk enqueues). */
  readonly graphId: string | undefined;
}

/** What an enqueue returns for each job. */
export interface EnqueuedJob {
  /** The job's id: the new job, or the existing one when its identity key matched. */
  readonly id: string;
  /** The job function's name. */
  readonly functionName: string;
  /** True when no job was created because one with the same identity key was waiting. */
  readonly existing: boolean;
  /** The graph id, when the job belongs to a graph of two or more jobs. */
  readonly graphId: string | undefined;
  /** The identity key, if any. */
  readonly identityKey: string | undefined;
}

/** Check the options and encode the arguments of one job (nothing is stored). @internal */
export function prepareJob<TArgs>(
  runtime: QueueRuntime,
  env: Env,
  call: {
    readonly fn: JobFunction<TArgs, unknown>;
    readonly args: TArgs;
    readonly options: DelayOptions<TArgs>;
    readonly graphId?: string | undefined;
  },
): PreparedJob {
  const { fn, args, options } = call;
  const priority = integerOption('priority', options.priority ?? fn.priority);
  const maxRetries = integerOption('maxRetries', options.maxRetries ?? fn.maxRetries);
  const storedArgs = encodeJobValue(args, runtime.codecs);
  const channel = runtime.knownChannel(options.channel ?? fn.channel);
  const identityKey = resolveIdentityKey(options.identityKey ?? fn.identityKey, {
    functionName: fn.name,
    args,
    storedArgs,
  });
  const description = options.description ?? fn.description;
  if (typeof description !== 'string') throw new JobOptionsError('description', 'must be a string');
  const data: StoredJobData = {
    fn: fn.name,
    args: storedArgs,
    description,
    channel,
    maxRetries,
    seq: runtime.nextSeq(),
    env: env.snapshot(runtime.allowList),
    ...(call.graphId === undefined ? {} : { graph: call.graphId }),
    ...(identityKey === undefined ? {} : { identityKey }),
    ...(options.batchId === undefined ? {} : { batch: options.batchId }),
  };
  return {
    id: randomUUID(),
    fn: fn as unknown as JobFunction<never, unknown>,
    args,
    data,
    priority,
    eta: etaOption(options.eta),
    identityKey,
  };
}

function integerOption(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new JobOptionsError(name, 'must be a non-negative integer');
  }
  return value;
}

/** queue_job's eta: a date, or seconds from now; 0 or absent means none (QJ-6). */
function etaOption(eta: Date | number | undefined): Date | undefined {
  if (eta === undefined || eta === 0) return undefined;
  if (eta instanceof Date) {
    if (Number.isNaN(eta.getTime())) throw new JobOptionsError('eta', 'invalid date');
    return eta;
  }
  if (typeof eta !== 'number' || !Number.isFinite(eta) || eta < 0) {
    throw new JobOptionsError('eta', 'must be a Date or a non-negative number of seconds');
  }
  return new Date(Date.now() + eta * 1000);
}
