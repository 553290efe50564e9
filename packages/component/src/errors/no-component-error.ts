import { ComponentError } from './component-error.js';

/** What a failed lookup asked for. */
export interface ComponentQueryDescription {
  readonly collection: string | undefined;
  readonly usage: string | undefined;
  readonly modelName: string | undefined;
  /** Set when the lookup was by component name. */
  readonly componentName?: string;
}

/**
 * No component answers a lookup: nothing matches the collection / usage / model, the name is
 * unknown, or a component found by name cannot be used for this collection or model.
 */
export class NoComponentError extends ComponentError {
  readonly query: ComponentQueryDescription;

  constructor(message: string, query: ComponentQueryDescription) {
    super(message);
    this.query = query;
  }
}
