import type { Env } from '@bindery/model';
import { JobDefinitionError } from '../errors/job-definition-error.js';
import { normalizeChannelName } from '../channels/channel-tree.js';
import type { IdentityKeyOption } from './identity-key.js';
import type { JobInfo } from './job-info.js';
import type { JobRecords, RelatedActionOptions } from './related-action.js';
import { parseRetryPattern, type RetryPattern, type RetryPatternInput } from './retry-pattern.js';

/** What a job function receives besides its arguments. */
export interface JobRunContext {
  /**
   * The env to work in: bound to the job's transaction (its writes commit together with the
   * job's completion) and restored to the user, company and allow-listed context that enqueued it,
   * with `queueJobUuid` set to the job's id.
   */
  readonly env: Env;
  /** The job itself. */
  readonly job: JobInfo;
  /** Aborted when the worker stops or the job's claim is lost. */
  readonly signal: AbortSignal;
  /**
   * Run `fn` with an env on a connection and transaction of its own (same user, company and
   * context as {@link JobRunContext.env}), committed as soon as `fn` resolves (rolled back if it
   * throws), whatever later happens to the job's transaction: for what must survive a failing or
   * retried try, such as the id of a record just created in an external system.
   *
   * It does not see the job's uncommitted writes, and the job's transaction may block on rows it
   * locks (and vice versa): keep it short and on separate rows. Workers run it on their own
   * database; `trapJobs` on the env jobs are performed in; in no-delay mode on the caller's env,
   * which must then not be in a transaction (otherwise `QueueStateError`).
   *
   * @example
   * ```ts
   * run: async ({ env, autonomous }, args: { orderId: number }) => {
   *   const remoteId = await api.createOrder(args.orderId);
   *   await autonomous((own) => own.model('shop.order.journal').create({ remoteId }));
   *   await env.model('shop.order').write(args.orderId, { remote_id: remoteId });
   * },
   * ```
   */
  readonly autonomous: <TResult>(fn: (env: Env) => Promise<TResult>) => Promise<TResult>;
}

/** How a job function is declared (queue_job's method plus its `queue.job.function` record). */
export interface JobFunctionOptions<TArgs, TResult> {
  /** Unique name, e.g. `'shop.import_order'`. */
  readonly name: string;
  /** The work. Its return value is stored as the job's result. */
  readonly run: (context: JobRunContext, args: TArgs) => Promise<TResult> | TResult;
  /** Description of the jobs; default the name. */
  readonly description?: string;
  /** Channel of the jobs (declares it). @defaultValue 'root' */
  readonly channel?: string;
  /** Postpone delays by try number. */
  readonly retryPattern?: RetryPatternInput;
  /** What to open for a job. */
  readonly relatedAction?: RelatedActionOptions<TArgs>;
  /** The records a job works on (for the default related action). */
  readonly records?: (args: TArgs) => JobRecords | undefined;
  /** Default total number of tries (0: infinite). @defaultValue 5 */
  readonly maxRetries?: number;
  /** Default priority (0 is the highest). @defaultValue 10 */
  readonly priority?: number;
  /** Default identity key of the jobs. */
  readonly identityKey?: IdentityKeyOption<TArgs>;
}

const marker = Symbol.for('@bindery/queue-job.job-function');

/** A declared job function: register it in an addon's `jobs` and enqueue it with `delay`. */
export interface JobFunction<TArgs = unknown, TResult = unknown> {
  /** @internal */
  readonly [marker]: true;
  readonly name: string;
  readonly description: string;
  /** Complete channel name. */
  readonly channel: string;
  readonly retryPattern: RetryPattern;
  readonly maxRetries: number;
  readonly priority: number;
  readonly relatedAction: RelatedActionOptions<TArgs>;
  readonly records: ((args: TArgs) => JobRecords | undefined) | undefined;
  readonly identityKey: IdentityKeyOption<TArgs> | undefined;
  readonly run: (context: JobRunContext, args: TArgs) => Promise<TResult> | TResult;
}

/** Default priority (0 is the highest). */
export const DEFAULT_PRIORITY = 10;
/** Default total number of tries. */
export const DEFAULT_MAX_RETRIES = 5;
const NAME_PATTERN = /^[A-Za-z0-9_][\w.-]*$/;

/**
 * Declare a job function. Checks the name, retry pattern and numbers eagerly
 * ({@link JobDefinitionError}, `RetryPatternError`).
 *
 * @example
 * ```ts
 * export const importOrder = defineJob({
 *   name: 'shop.import_order',
 *   channel: 'root.shop.orders',
 *   retryPattern: { 1: 10, 5: 60 },
 *   run: async ({ env }, args: { orderId: number }) => {
 *     await env.model('sale.order').create({ name: `SO${args.orderId}` });
 *   },
 * });
 * ```
 */
export function defineJob<TArgs, TResult = unknown>(
  options: JobFunctionOptions<TArgs, TResult>,
): JobFunction<TArgs, TResult> {
  const { name } = options;
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new JobDefinitionError(String(name), 'the name must be letters, digits, _, . or -');
  }
  if (typeof options.run !== 'function')
    throw new JobDefinitionError(name, 'run must be a function');
  checkInteger(name, 'maxRetries', options.maxRetries);
  checkInteger(name, 'priority', options.priority);
  return Object.freeze({
    [marker]: true as const,
    name,
    description: options.description ?? name,
    channel: normalizeChannelName(options.channel),
    retryPattern: parseRetryPattern(options.retryPattern),
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    priority: options.priority ?? DEFAULT_PRIORITY,
    relatedAction: options.relatedAction ?? {},
    records: options.records,
    identityKey: options.identityKey,
    run: options.run,
  });
}

/** True for a value made by {@link defineJob}. */
export function isJobFunction(value: unknown): value is JobFunction {
  return typeof value === 'object' && value !== null && marker in value;
}

function checkInteger(name: string, option: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
    throw new JobDefinitionError(name, `${option} must be a non-negative integer`);
  }
}
