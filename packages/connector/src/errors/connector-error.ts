const marker = Symbol.for('@bindery/connector.error');
const plainHasInstance = Function.prototype[Symbol.hasInstance];

/**
 * Base class of every error thrown by `@bindery/connector` (upstream `ConnectorException`).
 *
 * The retryable errors of the family (`NetworkRetryableError`, `NoExternalIdError`,
 * `RecordLockedError`...) extend `RetryableJobError` of `@bindery/queue-job`, so that the job
 * queue postpones their jobs; they carry this class's marker, so `ConnectorError.isInstance`
 * and `error instanceof ConnectorError` are true for them too.
 *
 * Use {@link ConnectorError.isInstance} when the error may come from another copy of the package.
 */
export class ConnectorError extends Error {
  /** @internal */
  readonly [marker] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for any connector error, whichever copy of the package created it. */
  static isInstance(error: unknown): error is ConnectorError {
    return hasConnectorMarker(error);
  }

  /** `instanceof ConnectorError` also recognises the retryable errors of the family. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === ConnectorError) return hasConnectorMarker(value);
    return plainHasInstance.call(this, value);
  }
}

/** @internal True when `value` carries the connector error marker. */
export function hasConnectorMarker(value: unknown): boolean {
  return typeof value === 'object' && value !== null && marker in value;
}

/** @internal Add the connector error marker to an error of another hierarchy. */
export function markConnectorError(error: Error): void {
  Object.defineProperty(error, marker, { value: true, enumerable: false });
}
