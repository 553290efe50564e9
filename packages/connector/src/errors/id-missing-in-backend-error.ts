import { ConnectorError } from './connector-error.js';

/**
 * The external id no longer exists in the backend. Adapters throw it from `read` / `write`; the
 * importer then ends with status `missing`, and the exporter re-creates the record.
 */
export class IDMissingInBackendError extends ConnectorError {
  /** The model (or external resource) asked for. */
  readonly model: string;
  readonly externalId: string;

  constructor(model: string, externalId: string | number, options?: ErrorOptions) {
    super(`Record ${String(externalId)} of ${model} does not exist in the backend.`, options);
    this.model = model;
    this.externalId = String(externalId);
  }
}
