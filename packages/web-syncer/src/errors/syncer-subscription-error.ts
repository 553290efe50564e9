import { WebSyncerError } from './web-syncer-error.js';

/** Why a client subscription was refused. */
export type SyncerSubscriptionProblem = 'callback' | 'channel' | 'closed';

/**
 * `Syncer.subscribe` was called with a callback that is not a function (the message of the
 * original: "Syncer subscription needs to have callback of type function"), a channel that is
 * not a non-empty string, or on a closed Syncer.
 */
export class SyncerSubscriptionError extends WebSyncerError {
  readonly problem: SyncerSubscriptionProblem;
  /** The channel asked for (as given). */
  readonly channel: unknown;

  constructor(problem: SyncerSubscriptionProblem, channel: unknown) {
    super(messageOf(problem, channel));
    this.problem = problem;
    this.channel = channel;
  }
}

function messageOf(problem: SyncerSubscriptionProblem, channel: unknown): string {
  switch (problem) {
    case 'callback':
      return 'Syncer subscription needs to have callback of type function';
    case 'channel':
      return `Syncer subscription needs a channel '<db>:<model>', got ${JSON.stringify(channel) ?? String(channel)}`;
    case 'closed':
      return `Cannot subscribe to '${String(channel)}': the Syncer is closed`;
  }
}
