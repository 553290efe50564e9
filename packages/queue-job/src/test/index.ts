/**
 * Test helpers of `@bindery/queue-job`: trap enqueued jobs and perform them in order, and run
 * jobs at once (no-delay mode).
 *
 * @packageDocumentation
 */
import '../env-context.js';

export { JobsTrap, trapJobs, type JobsTrapOptions } from './jobs-trap.js';
export { withoutDelay } from './without-delay.js';
export type { TrappedJob, TrappedJobProperties } from './trapped-job.js';
