import { ModelError } from './model-error.js';

/** Records asked for by id that do not exist (any more). */
export class MissingRecordError extends ModelError {
  readonly model: string;
  readonly ids: readonly (string | number)[];

  constructor(model: string, ids: readonly (string | number)[]) {
    super(`Record(s) ${ids.join(', ')} of model '${model}' do not exist or were deleted.`);
    this.model = model;
    this.ids = Object.freeze([...ids]);
  }
}
