import { QueueJobError } from './queue-job-error.js';

/** An invalid channel configuration (`root:4,root.shop:2:sequential`), with the faulty entry. */
export class ChannelConfigError extends QueueJobError {
  /** The entry of the configuration at fault (or the whole text). */
  readonly entry: string;

  constructor(entry: string, reason: string) {
    super(`Invalid channel configuration '${entry}': ${reason}.`);
    this.entry = entry;
  }
}
