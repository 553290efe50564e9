import { ConnectorError } from './connector-error.js';

/**
 * Several bindings answer a lookup that expects one (one record bound twice to the same backend
 * in a binding table without the recommended unique constraints).
 */
export class SeveralBindingsError extends ConnectorError {
  readonly model: string;
  /** What was searched: `{ externalId }` or `{ recordId }`, plus the backend. */
  readonly lookup: Readonly<Record<string, string | number>>;
  readonly bindingIds: readonly (string | number)[];

  constructor(
    model: string,
    lookup: Readonly<Record<string, string | number>>,
    bindingIds: readonly (string | number)[],
  ) {
    const what = Object.entries(lookup)
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(', ');
    super(`Expected one binding of ${model} for ${what}, found ${bindingIds.length}.`);
    this.model = model;
    this.lookup = Object.freeze({ ...lookup });
    this.bindingIds = Object.freeze([...bindingIds]);
  }
}
