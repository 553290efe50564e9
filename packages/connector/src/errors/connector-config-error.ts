import { ConnectorError } from './connector-error.js';

/** What is missing from the connector's configuration. */
export type ConnectorConfigSubject = 'transaction' | 'binding-model' | 'mapper';

/**
 * The connector is used in a way its configuration does not allow: taking a transactional lock
 * outside a transaction, a binding
 * model without the binder's fields, a mapper layer that is not one class.
 */
export class ConnectorConfigError extends ConnectorError {
  readonly subject: ConnectorConfigSubject;

  constructor(subject: ConnectorConfigSubject, message: string) {
    super(message);
    this.subject = subject;
  }
}
