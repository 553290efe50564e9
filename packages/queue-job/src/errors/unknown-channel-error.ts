import { QueueJobError } from './queue-job-error.js';

/**
 * A channel that is neither configured nor declared by an addon or job function (queue_job's
 * `ChannelNotFound`). Thrown at enqueue or configuration time; nothing is stored.
 */
export class UnknownChannelError extends QueueJobError {
  /** The channel asked for. */
  readonly channel: string;

  constructor(channel: string) {
    super(`Unknown channel '${channel}': configure it or declare it in an addon's 'channels'.`);
    this.channel = channel;
  }
}
