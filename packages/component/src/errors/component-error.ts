const marker = Symbol.for('@bindery/component.error');

/**
 * Base class of every error thrown by `@bindery/component`.
 *
 * Use {@link ComponentError.isInstance} rather than `instanceof` when the error may come from
 * another copy of the package (two versions installed side by side).
 */
export class ComponentError extends Error {
  /** @internal */
  readonly [marker] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for any `ComponentError`, whichever copy of the package created it. */
  static isInstance(error: unknown): error is ComponentError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
