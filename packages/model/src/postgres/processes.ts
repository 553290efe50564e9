import { spawn } from 'node:child_process';
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { platform } from 'node:os';

/** An unprivileged OS user that PostgreSQL programs are run as (when this process is root). */
export interface RunAs {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** What a finished program returned. */
export interface ProgramResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** stdout and stderr, interleaved. */
  readonly output: string;
}

/**
 * The environment PostgreSQL programs run with: the caller's, with messages and locale forced to
 * `C` (output is parsed, and an unknown `LANG` only produces warnings) and libpq/PG variables
 * removed so that they cannot redirect the programs to another data directory or port.
 */
export function postgresEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PG')) env[key] = value;
  }
  env['LC_ALL'] = 'C';
  env['LANG'] = 'C';
  return env;
}

/** Runs a program to completion (optionally as `runAs`), collecting its output. */
export function runProgram(
  command: string,
  args: readonly string[],
  options: { runAs?: RunAs | undefined; onLine?: ((line: string) => void) | undefined } = {},
): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: postgresEnv(),
      ...(options.runAs ? { uid: options.runAs.uid, gid: options.runAs.gid } : {}),
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      if (options.onLine) for (const line of text.split('\n')) if (line) options.onLine(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, output }));
  });
}

/**
 * True when a process with this id exists (even if it belongs to another user) and, on Linux, is
 * not a zombie (a dead server whose parent has not reaped it yet).
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (platform() === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) S ...": the state follows the last ')'.
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * True when `pid` is a live PostgreSQL server running on `dataDir`. A `postmaster.pid` left behind
 * by a crash may name a pid that now belongs to another program — even another PostgreSQL server
 * after a reboot — so on Linux the process's working directory (the server `chdir`s into its data
 * directory) must be `dataDir`. Elsewhere, liveness is all that can be checked.
 */
export function isServerOf(pid: number, dataDir: string): boolean {
  if (!isProcessAlive(pid)) return false;
  if (platform() !== 'linux') return true;
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(dataDir);
  } catch {
    return false;
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits for `promise` at most `ms` milliseconds: its value, or `undefined` on timeout. The timer is
 * cleared either way, so it never keeps the process alive.
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until `pid` is gone; false on timeout. */
export async function waitForProcessExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** The last `count` lines of a text. */
export function lastLines(text: string, count = 40): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-count).join('\n');
}
