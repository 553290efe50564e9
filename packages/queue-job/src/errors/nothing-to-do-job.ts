import { JobError } from './job-error.js';

const marker = Symbol.for('@bindery/queue-job.nothing-to-do-job');

/** The result stored when a {@link NothingToDoJob} carries no message. */
export const NOTHING_TO_DO_RESULT = 'Job interrupted and set to Done: nothing to do.';

/**
 * Throw it from a job to end it `done` at once, with this message as its result. The job's
 * database writes of this try are rolled back.
 */
export class NothingToDoJob extends JobError {
  /** @internal */
  readonly [marker] = true;

  constructor(message: string = NOTHING_TO_DO_RESULT, options?: ErrorOptions) {
    super(message, options);
  }

  /** True for any `NothingToDoJob`, whichever copy of the package created it. */
  static override isInstance(error: unknown): error is NothingToDoJob {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
