const marker = Symbol.for('@bindery/model.test-database-error');

/**
 * What failed in the test database helpers.
 *
 * - `no-server`: no test server is known (no global setup, no `DATABASE_URL`).
 * - `template`: the template's `prepare` failed (the half-built template was removed).
 * - `create`: `CREATE DATABASE` failed (e.g. the role lacks `CREATEDB`).
 * - `drop`: dropping a database failed.
 * - `not-ready`: a {@link useTestDatabase} accessor was called outside the tests and hooks it serves.
 *
 * @see {@link TestDatabaseError}
 */
export type TestDatabaseErrorStep = 'no-server' | 'template' | 'create' | 'drop' | 'not-ready';

/**
 * A test database could not be provided or removed.
 *
 * Use {@link TestDatabaseError.isInstance} rather than `instanceof` when the error may come from
 * another copy of the package.
 */
export class TestDatabaseError extends Error {
  /** @internal */
  readonly [marker] = true;
  /** Which step failed. */
  readonly step: TestDatabaseErrorStep;
  /** The database involved (test database or template), if any. */
  readonly database: string | undefined;

  constructor(
    step: TestDatabaseErrorStep,
    message: string,
    details: { readonly database?: string | undefined; readonly cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.step = step;
    this.database = details.database;
  }

  /** True for any `TestDatabaseError`, whichever copy of the package created it. */
  static isInstance(error: unknown): error is TestDatabaseError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
