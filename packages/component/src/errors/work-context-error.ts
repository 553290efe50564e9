import { ComponentError } from './component-error.js';

/** A work context was built or used in a way it does not support (missing env or collection). */
export class WorkContextError extends ComponentError {
  /** What was missing or wrong: `'env'`, `'collection'`, `'options'`. */
  readonly subject: string;

  constructor(subject: string, message: string) {
    super(message);
    this.subject = subject;
  }
}
