import { ModelError } from './model-error.js';

/** A field name that the model does not have. */
export class UnknownFieldError extends ModelError {
  readonly model: string;
  readonly field: string;

  constructor(model: string, field: string) {
    super(`Model '${model}' has no field '${field}'.`);
    this.model = model;
    this.field = field;
  }
}
