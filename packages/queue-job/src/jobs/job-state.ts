/**
 * The states of a job, as queue_job users know them:
 *
 * - `wait_dependencies`: a parent in its graph is not done yet;
 * - `pending`: waiting for its eta, a channel slot or a worker (also after a postponed retry);
 * - `started`: a worker runs it;
 * - `done`, `cancelled`, `failed`: final until someone requeues it.
 *
 * queue_job's `enqueued` does not exist: a worker claims a job and starts it in one step.
 */
export type JobState =
  | 'wait_dependencies'
  | 'pending'
  | 'started'
  | 'done'
  | 'cancelled'
  | 'failed';

/** Every {@link JobState}, in lifecycle order. */
export const JOB_STATES: readonly JobState[] = Object.freeze([
  'wait_dependencies',
  'pending',
  'started',
  'done',
  'cancelled',
  'failed',
]);

/** True when `value` is a {@link JobState}. */
export function isJobState(value: unknown): value is JobState {
  return typeof value === 'string' && (JOB_STATES as readonly string[]).includes(value);
}
