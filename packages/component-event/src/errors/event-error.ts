import { ComponentError } from '@bindery/component';

/**
 * Base class of every error thrown by `@bindery/component-event`. It is a `ComponentError`, so
 * `ComponentError.isInstance(error)` recognises it too.
 */
export class EventError extends ComponentError {}
