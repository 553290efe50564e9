import { JobError } from './job-error.js';

/** No job has this id (it never existed, or retention removed it). */
export class NoSuchJobError extends JobError {
  /** The id asked for. */
  readonly jobId: string;

  constructor(jobId: string) {
    super(`No job with id ${jobId}.`);
    this.jobId = jobId;
  }
}
