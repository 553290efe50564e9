import { EventError } from './event-error.js';

/**
 * An event name does not follow the convention `on` + an uppercase letter (`onRecordCreate`,
 * `onOrderPaid`). Raised eagerly, whether or not the registry is ready.
 */
export class InvalidEventNameError extends EventError {
  /** The rejected name, as given (converted to a string). */
  readonly event: string;
  /** The addon that declared the name, when it comes from an addon's `events`. */
  readonly addon: string | undefined;

  constructor(event: unknown, options: { readonly addon?: string } = {}) {
    const where = options.addon === undefined ? '' : ` (declared in addon '${options.addon}')`;
    super(
      `Invalid event name '${String(event)}'${where}: an event name is 'on' followed by an ` +
        `uppercase letter, e.g. 'onRecordCreate'.`,
    );
    this.event = String(event);
    this.addon = options.addon;
  }
}
