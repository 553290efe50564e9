import { createHash } from 'node:crypto';
import { chown, lstat, mkdir, open, readFile, readdir, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresSetupError } from './postgres-setup-error.js';
import { isProcessAlive, isServerOf, runProgram, sleep, type RunAs } from './processes.js';

/** Prefix of the throwaway clusters' directories in the OS temp directory. */
export const RUN_DIR_PREFIX = 'bindery-postgres-run-';

/** The interesting lines of a `postmaster.pid` file. */
export interface PostmasterPid {
  readonly pid: number;
  readonly port: number;
  /** First listen address (`*` or empty when listening everywhere / nowhere). */
  readonly listenAddress: string;
  /** `starting`, `stopping`, `ready` or `standby` (PostgreSQL ≥ 10). */
  readonly status: string;
}

/** Reads `<dataDir>/postmaster.pid`; `undefined` when absent or unreadable. */
export async function readPostmasterPid(dataDir: string): Promise<PostmasterPid | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  return {
    pid: Number(lines[0]),
    port: Number(lines[3]),
    listenAddress: (lines[5] ?? '').trim(),
    status: (lines[7] ?? '').trim(),
  };
}

/** True when `path` exists and is a non-empty directory. */
export async function isNonEmptyDir(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length > 0;
  } catch {
    return false;
  }
}

/** Recursively gives a directory tree to `runAs` (only used as root). */
export async function chownTree(path: string, runAs: RunAs): Promise<void> {
  const info = await lstat(path);
  if (info.uid !== runAs.uid || info.gid !== runAs.gid) await chown(path, runAs.uid, runAs.gid);
  if (info.isDirectory()) {
    for (const entry of await readdir(path)) await chownTree(join(path, entry), runAs);
  }
}

/**
 * Creates `dir` if needed and makes it usable by the OS user PostgreSQL runs as: owned by it, and
 * reachable through every parent directory (checked by actually trying, as that user).
 */
export async function prepareDirectory(dir: string, runAs: RunAs | undefined): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (!runAs) return;
  const info = await stat(dir);
  if (info.uid !== runAs.uid) {
    // An initialised cluster must be owned by the server's user entirely.
    await chownTree(dir, runAs);
  }
  const check = await runProgram(
    '/bin/sh',
    ['-c', 'cd "$1" && test -w . && test -x .', 'sh', dir],
    {
      runAs,
    },
  );
  if (check.code !== 0) {
    throw new PostgresSetupError(
      'permissions',
      `The OS user '${runAs.name}' (uid ${runAs.uid}) that PostgreSQL runs as cannot use ${dir}. ` +
        'Every parent directory must be searchable by it (e.g. `chmod o+x` on them), or pick a ' +
        'dataDir elsewhere.',
      { dataDir: dir, output: check.output },
    );
  }
}

/**
 * A cross-process lock on a persistent data directory, held while it is initialised and the server
 * started, so that two processes do not run initdb (or start two servers) on it at the same time.
 * Kept in the OS temp directory (always writable) under a hash of the directory's path; a lock
 * whose owner died is taken over.
 */
export async function acquireDataDirLock(
  dataDir: string,
  timeoutMs = 120_000,
): Promise<() => Promise<void>> {
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const lockPath = join(tmpdir(), `bindery-postgres-lock-${hash}`);
  const deadline = Date.now() + timeoutMs;
  const token = `${process.pid}`;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(token);
      } finally {
        await handle.close();
      }
      return async () => {
        const current = await readFile(lockPath, 'utf8').catch(() => undefined);
        if (current === token) await unlink(lockPath).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readFile(lockPath, 'utf8').catch(() => undefined);
    const ownerPid = Number(owner);
    const age = await stat(lockPath).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    // Stale: its owner is gone (an empty file is only trusted for a few seconds: it is being written).
    if (owner !== undefined && (owner === '' ? age > 5_000 : !isProcessAlive(ownerPid))) {
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      throw new PostgresSetupError(
        'lock',
        `Timed out waiting for process ${owner ?? '?'} to finish starting PostgreSQL on ${dataDir} ` +
          `(lock file ${lockPath}).`,
        { dataDir },
      );
    }
    await sleep(100);
  }
}

/**
 * Removes throwaway cluster directories left in the OS temp directory by processes that died
 * without stopping their server (the server itself stops when its owner dies). Best effort.
 */
export async function sweepStaleRunDirs(): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(tmpdir());
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = join(tmpdir(), entry);
    try {
      const owner = Number(await readFile(join(dir, 'owner.pid'), 'utf8'));
      if (isProcessAlive(owner)) continue;
      const postmaster = await readPostmasterPid(join(dir, 'data'));
      if (postmaster && isServerOf(postmaster.pid, join(dir, 'data'))) continue;
      await rm(dir, { recursive: true, force: true });
    } catch {
      // No owner file yet (being created) or already gone: leave it.
    }
  }
}

/** Removes a directory tree, retrying briefly while exiting processes still write into it. */
export async function removeTree(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
