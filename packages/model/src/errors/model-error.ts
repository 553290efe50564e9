const marker = Symbol.for('@bindery/model.error');

/**
 * Base class of every error thrown by `@bindery/model`. Use {@link ModelError.isInstance} across
 * package copies.
 */
export class ModelError extends Error {
  /** @internal */
  readonly [marker] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for any `ModelError`, whichever copy of the package created it. */
  static isInstance(error: unknown): error is ModelError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
