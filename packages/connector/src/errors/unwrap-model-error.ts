import { ConnectorError } from './connector-error.js';

/** A binding model has no local-record field (a "direct" binding): it cannot be unwrapped. */
export class UnwrapModelError extends ConnectorError {
  readonly model: string;
  /** The field the binder expected. */
  readonly field: string;

  constructor(model: string, field: string) {
    super(`Cannot unwrap model ${model}, because it has no ${field} field.`);
    this.model = model;
    this.field = field;
  }
}
