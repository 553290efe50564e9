import { ConnectorError } from './connector-error.js';

/** A key that should be unique exists several times in the backend. */
export class ManyIDsInBackendError extends ConnectorError {
  readonly model: string;
  /** The key searched for. */
  readonly key: string;
  /** The external ids found. */
  readonly externalIds: readonly string[];

  constructor(model: string, key: string, externalIds: readonly (string | number)[]) {
    super(
      `Several records of ${model} match '${key}' in the backend: ${externalIds.map(String).join(', ')}.`,
    );
    this.model = model;
    this.key = key;
    this.externalIds = Object.freeze(externalIds.map(String));
  }
}
