/** SQLSTATEs that mean "try again later": serialization failure, deadlock, lock not available. */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40001', '40P01', '55P03']);

/** Seconds to postpone a job after a retryable database error (QJ-16). */
export const DATABASE_RETRY_SECONDS = 5;

/** True when `error` (or one of its causes) is a PostgreSQL concurrency error. */
export function isRetryableDatabaseError(error: unknown): boolean {
  for (
    let current = error, depth = 0;
    typeof current === 'object' && current !== null && depth < 8;
    depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE_SQLSTATES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
