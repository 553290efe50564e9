import { ConnectorError } from './connector-error.js';

/** A hook a concrete component must implement was called on the abstract one. */
export class NotImplementedError extends ConnectorError {
  /** The component whose method is missing. */
  readonly component: string;
  readonly method: string;

  constructor(component: string, method: string) {
    super(`${component} does not implement ${method}().`);
    this.component = component;
    this.method = method;
  }
}
