import { ModelError } from '@bindery/model';
import { ConcurrentCreateError } from '../errors/concurrent-create-error.js';

/**
 * A unique violation on a binding table becomes a retryable {@link ConcurrentCreateError}
 * (upstream `_retry_unique_violation`); any other error is returned unchanged.
 */
export function retryableUniqueViolation(model: string, error: unknown): unknown {
  if (ModelError.isInstance(error) && (error as { kind?: unknown }).kind === 'unique') {
    const constraint = (error as { constraint?: unknown }).constraint;
    return new ConcurrentCreateError({
      model,
      constraint: typeof constraint === 'string' ? constraint : undefined,
      cause: error,
    });
  }
  if (isPgUniqueViolation(error)) {
    return new ConcurrentCreateError({ model, constraint: pgConstraint(error), cause: error });
  }
  return error;
}

/** Run `fn`; a unique violation it raises becomes a retryable {@link ConcurrentCreateError}. */
export async function retryUniqueViolation<TResult>(
  model: string,
  fn: () => Promise<TResult>,
): Promise<TResult> {
  try {
    return await fn();
  } catch (error) {
    throw retryableUniqueViolation(model, error);
  }
}

function isPgUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
  );
}

function pgConstraint(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown }).constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}
