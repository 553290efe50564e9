import { EventError } from './event-error.js';

/** What failed while notifying an event. */
export interface EventListenerErrorDetails {
  readonly event: string;
  /** The name of the listener component whose method failed. */
  readonly listener: string;
  /** What the listener threw (or rejected with). */
  readonly cause: unknown;
}

/**
 * A listener failed during `notify()`. The listeners after it were not called; the original
 * error is in `cause`.
 */
export class EventListenerError extends EventError {
  readonly event: string;
  readonly listener: string;

  constructor(details: EventListenerErrorDetails) {
    super(
      `Listener '${details.listener}' failed on event '${details.event}': ${describe(details.cause)}`,
      {
        cause: details.cause,
      },
    );
    this.event = details.event;
    this.listener = details.listener;
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
