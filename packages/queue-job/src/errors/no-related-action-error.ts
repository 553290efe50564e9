import { QueueJobError } from './queue-job-error.js';

/** The job's function has no related action for it ("No action available for this job"). */
export class NoRelatedActionError extends QueueJobError {
  /** The job. */
  readonly jobId: string;

  constructor(jobId: string) {
    super(`No action available for job ${jobId}.`);
    this.jobId = jobId;
  }
}
