import { QueueJobError } from './queue-job-error.js';

/** A manual transition that the job's current state does not allow (e.g. set done on a done job). */
export class JobStateError extends QueueJobError {
  /** The job. */
  readonly jobId: string;
  /** Its state when the action was refused. */
  readonly state: string;
  /** What was asked: `requeue`, `setDone`, `cancel`. */
  readonly action: string;

  constructor(jobId: string, state: string, action: string) {
    super(`Cannot ${action} job ${jobId} in state '${state}'.`);
    this.jobId = jobId;
    this.state = state;
    this.action = action;
  }
}
