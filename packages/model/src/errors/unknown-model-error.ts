import { ModelError } from './model-error.js';

/** A model name that no installed addon defines. */
export class UnknownModelError extends ModelError {
  readonly model: string;

  constructor(model: string, known: readonly string[] = []) {
    const hint =
      known.length === 0
        ? ''
        : ` Known models: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', ...' : ''}.`;
    super(`Unknown model '${model}'.${hint}`);
    this.model = model;
  }
}
