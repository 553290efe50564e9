import { ConnectorError } from './connector-error.js';

/** A binding given by id does not exist (any more). */
export class MissingBindingError extends ConnectorError {
  readonly model: string;
  readonly bindingId: string | number;

  constructor(model: string, bindingId: string | number) {
    super(`Binding ${String(bindingId)} of ${model} does not exist.`);
    this.model = model;
    this.bindingId = bindingId;
  }
}
