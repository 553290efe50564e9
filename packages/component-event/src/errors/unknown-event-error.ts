import { EventError } from './event-error.js';

/** Where an undeclared event was met. */
export interface UnknownEventErrorDetails {
  /** The undeclared event name. */
  readonly event: string;
  /** The registry whose addons do not declare it. */
  readonly registryKey: string;
  /** The listener component whose method is named after the event (build-time check only). */
  readonly listener?: string;
}

/**
 * An event name no addon of the registry declares in its `events` list: either a listener method
 * named like an event (raised while the registry is built) or an event being collected.
 */
export class UnknownEventError extends EventError {
  readonly event: string;
  readonly registryKey: string;
  /** The listener at fault, or `undefined` when the event was being collected. */
  readonly listener: string | undefined;

  constructor(details: UnknownEventErrorDetails) {
    const subject =
      details.listener === undefined
        ? `Event '${details.event}'`
        : `Listener '${details.listener}' handles event '${details.event}', which`;
    super(
      `${subject} is not declared by any addon of component registry '${details.registryKey}'. ` +
        `Declare it in an addon's events list (defineAddon({ ..., events: ['${details.event}'] })).`,
    );
    this.event = details.event;
    this.registryKey = details.registryKey;
    this.listener = details.listener;
  }
}
