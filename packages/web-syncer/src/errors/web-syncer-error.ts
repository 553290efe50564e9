const marker = Symbol.for('@bindery/web-syncer.error');

/**
 * Base class of every error thrown by `@bindery/web-syncer` (server and client).
 *
 * Use {@link WebSyncerError.isInstance} rather than `instanceof` when the error may come from
 * another copy of the package (the client bundled in a page and the server, two versions).
 */
export class WebSyncerError extends Error {
  /** @internal */
  readonly [marker] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for any `WebSyncerError`, whichever copy of the package created it. */
  static isInstance(error: unknown): error is WebSyncerError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
