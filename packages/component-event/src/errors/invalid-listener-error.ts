import { EventError } from './event-error.js';

/**
 * A component has usage `'event.listener'` without inheriting `'base.event.listener'`, so it
 * cannot tell which events it handles. Raised while the registry is built.
 */
export class InvalidListenerError extends EventError {
  /** The component at fault. */
  readonly listener: string;

  constructor(listener: string) {
    super(
      `Component '${listener}' has usage 'event.listener' but does not inherit 'base.event.listener'; ` +
        `add inherit: 'base.event.listener' to its declaration.`,
    );
    this.listener = listener;
  }
}
