import { InvalidEventNameError } from './errors/invalid-event-name-error.js';

/** What every event name looks like: `on` followed by an uppercase letter (`onRecordCreate`). */
export const EVENT_NAME_PATTERN: RegExp = /^on[A-Z]\w*$/;

/** True when `name` is a string that follows {@link EVENT_NAME_PATTERN}. */
export function isEventName(name: unknown): name is string {
  return typeof name === 'string' && EVENT_NAME_PATTERN.test(name);
}

/** Throw {@link InvalidEventNameError} unless `name` is a valid event name. */
export function assertEventName(
  name: unknown,
  options: { readonly addon?: string } = {},
): asserts name is string {
  if (!isEventName(name)) throw new InvalidEventNameError(name, options);
}
