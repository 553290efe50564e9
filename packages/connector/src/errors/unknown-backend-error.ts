import { ConnectorError } from './connector-error.js';

/** A backend record that does not exist. */
export class UnknownBackendError extends ConnectorError {
  /** The backend model. */
  readonly model: string;
  readonly backendId: string | number;

  constructor(model: string, backendId: string | number) {
    super(`Backend ${model} ${String(backendId)} does not exist.`);
    this.model = model;
    this.backendId = backendId;
  }
}
