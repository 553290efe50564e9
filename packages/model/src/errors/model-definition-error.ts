import { ModelError } from './model-error.js';

/** Why a model definition was rejected. */
export type ModelDefinitionErrorCode =
  | 'duplicate-model'
  | 'unknown-model'
  | 'duplicate-field'
  | 'invalid-field'
  | 'invalid-model';

/** A model definition or extension is invalid; names the model and the addon. */
export class ModelDefinitionError extends ModelError {
  readonly code: ModelDefinitionErrorCode;
  readonly model: string;
  readonly addon: string | undefined;

  constructor(code: ModelDefinitionErrorCode, model: string, message: string, addon?: string) {
    super(addon === undefined ? message : `${message} (in addon '${addon}')`);
    this.code = code;
    this.model = model;
    this.addon = addon;
  }
}
