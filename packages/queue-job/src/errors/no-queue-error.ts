import { QueueJobError } from './queue-job-error.js';

/**
 * No {@link QueueJob} serves the component registry of an env (`queueFor(env)`,
 * `QueueJob.of(...)`): the app has not constructed its queue with these registries.
 */
export class NoQueueError extends QueueJobError {
  constructor() {
    super(
      "No job queue serves this component registry: construct the app's QueueJob with the same registries (new QueueJob({ registries, ... })) before enqueueing.",
    );
  }
}
