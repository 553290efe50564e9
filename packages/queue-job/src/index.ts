// Type-only modules: augmentations of `@bindery/model` and `@bindery/component`.
import './env-context.js';
import './queue-job-addon.js';

export { JobAdmin, type JobPage } from './admin/job-admin.js';
export { type JobFilter } from './admin/job-filter.js';
export { STATE_COLORS, type JobGraph, type JobGraphNode } from './admin/job-graph.js';
export { ACTION_STATES, type JobAction } from './admin/job-transitions.js';
export type { VacuumReport } from './admin/job-vacuum.js';
export { JobBatches, type JobBatch, type JobBatchState } from './batch/job-batches.js';
export { Channel, type ChannelSettings } from './channels/channel.js';
export { ChannelCapacity } from './channels/channel-capacity.js';
export {
  parseChannelConfig,
  splitStrip,
  type ChannelConfigEntry,
} from './channels/channel-config.js';
export { ChannelJob, compareKeys, type ChannelJobFields } from './channels/channel-job.js';
export { ChannelManager, type ChannelNotification } from './channels/channel-manager.js';
export { ChannelQueue } from './channels/channel-queue.js';
export {
  ChannelTree,
  normalizeChannelName,
  type ChannelLookupOptions,
} from './channels/channel-tree.js';
export { PriorityQueue } from './channels/priority-queue.js';
export { CronJobs, type CronJobDefinition } from './cron/cron-jobs.js';
export { autoDelay, type AutoDelayOptions, type AutoDelayResult } from './enqueue/auto-delay.js';
export { JobEnqueuer } from './enqueue/job-enqueuer.js';
export type { EnqueuedJob } from './engine/prepared-job.js';
export { ChannelConfigError } from './errors/channel-config-error.js';
export { DelayableError, type DelayableErrorCode } from './errors/delayable-error.js';
export { FailedJobError } from './errors/failed-job-error.js';
export { JobArgumentsError, type JobArgumentsErrorReason } from './errors/job-arguments-error.js';
export { JobDefinitionError } from './errors/job-definition-error.js';
export { JobError } from './errors/job-error.js';
export { JobOptionsError } from './errors/job-options-error.js';
export { JobStateError } from './errors/job-state-error.js';
export { NoQueueError } from './errors/no-queue-error.js';
export { NoRelatedActionError } from './errors/no-related-action-error.js';
export { NoSuchJobError } from './errors/no-such-job-error.js';
export { NOTHING_TO_DO_RESULT, NothingToDoJob } from './errors/nothing-to-do-job.js';
export { QueueJobError } from './errors/queue-job-error.js';
export { QueueStateError } from './errors/queue-state-error.js';
export { RetryPatternError } from './errors/retry-pattern-error.js';
export { RetryableJobError, type RetryableJobErrorOptions } from './errors/retryable-job-error.js';
export { UnknownChannelError } from './errors/unknown-channel-error.js';
export { UnknownJobFunctionError } from './errors/unknown-job-function-error.js';
export {
  DATABASE_RETRY_SECONDS,
  isRetryableDatabaseError,
  RETRYABLE_SQLSTATES,
} from './execute/database-errors.js';
export type { JobOutcome } from './execute/job-executor.js';
export { decideRetry, type RetryDecision, type RetryFacts } from './execute/retry-decision.js';
export { Delayable } from './graph/delayable.js';
export { chain, DelayableChain, DelayableGroup, group } from './graph/delayable-chain.js';
export { DelayableNode } from './graph/delayable-node.js';
export { Graph } from './graph/graph.js';
export { DELAY_OPTION_KEYS, type DelayOptions } from './jobs/delay-options.js';
export {
  identityExact,
  stableStringify,
  type IdentityKeyInput,
  type IdentityKeyOption,
} from './jobs/identity-key.js';
export {
  DEFAULT_MAX_RETRIES,
  DEFAULT_PRIORITY,
  defineJob,
  isJobFunction,
  type JobFunction,
  type JobFunctionOptions,
  type JobRunContext,
} from './jobs/job-definition.js';
export type { JobInfo, JobRecord } from './jobs/job-info.js';
export { JobRegistry } from './jobs/job-registry.js';
export { isJobState, JOB_STATES, type JobState } from './jobs/job-state.js';
export {
  bigintCodec,
  dateCodec,
  decodeJobValue,
  encodeJobValue,
  type JobValueCodec,
  type JsonValue,
} from './jobs/job-value-codec.js';
export type { JobArgs, JobName, JobResult, JobsByName } from './jobs/jobs-by-name.js';
export {
  openRelatedRecords,
  type JobRecords,
  type RelatedAction,
  type RelatedActionInput,
  type RelatedActionOptions,
} from './jobs/related-action.js';
export {
  parseRetryPattern,
  RETRY_INTERVAL,
  retryDelaySeconds,
  type RetryDelay,
  type RetryPattern,
  type RetryPatternInput,
} from './jobs/retry-pattern.js';
export { queueJobMigrations } from './migrations/queue-job-migrations.js';
export { QueueJob, queueFor, type QueueJobStartOptions, type QueueJobTarget } from './queue-job.js';
export { queueJobAddon } from './queue-job-addon.js';
export type { JobFailureEvent, QueueJobOptions } from './queue-job-options.js';
export { JobWorker, type JobWorkerOptions } from './worker/job-worker.js';
