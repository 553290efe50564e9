const marker = Symbol.for('@bindery/queue-job.error');

/**
 * Base class of every error thrown by `@bindery/queue-job` (queue_job's `BaseQueueJobError`).
 *
 * Use {@link QueueJobError.isInstance} rather than `instanceof` when the error may come from
 * another copy of the package.
 */
export class QueueJobError extends Error {
  /** @internal */
  readonly [marker] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for any `QueueJobError`, whichever copy of the package created it. */
  static isInstance(error: unknown): error is QueueJobError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
