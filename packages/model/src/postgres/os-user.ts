import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PostgresSetupError } from './postgres-setup-error.js';
import { type RunAs } from './processes.js';

const execFileAsync = promisify(execFile);

/** The OS user PostgreSQL runs as when this process is root (the conventional name). */
export const POSTGRES_OS_USER = 'postgres';

/**
 * PostgreSQL refuses to run as root (initdb and postgres both exit). When this process is root,
 * the programs are spawned as the `postgres` OS user instead (Node's spawn `uid`/`gid`); the user is
 * created (system user, own group, no home, no login) when the machine has none.
 *
 * @returns `undefined` when not root: the programs run as the current user.
 * @internal
 */
export async function resolveRunAs(name: string = POSTGRES_OS_USER): Promise<RunAs | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const existing = await lookupUser(name);
  if (existing) return existing;
  const attempts: string[] = [];
  for (const [command, ...args] of [
    [
      'useradd',
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      name,
    ],
    ['adduser', '-S', '-D', '-H', name], // busybox (Alpine)
  ] as const) {
    try {
      await execFileAsync(command, args);
      break;
    } catch (error) {
      attempts.push(`${command}: ${(error as Error).message.trim()}`);
    }
  }
  // Looked up again even after a failure: a parallel process may have created it meanwhile.
  const created = await lookupUser(name);
  if (created) return created;
  throw new PostgresSetupError(
    'user',
    `PostgreSQL cannot run as root, and the OS user '${name}' to run it as does not exist and could ` +
      `not be created (${attempts.join('; ')}). Create it (e.g. \`useradd --system --user-group ${name}\`), ` +
      'run as a non-root user, or set DATABASE_URL.',
  );
}

async function lookupUser(name: string): Promise<RunAs | undefined> {
  let line: string | undefined;
  try {
    const { stdout } = await execFileAsync('getent', ['passwd', name]);
    line = stdout.trim();
  } catch {
    try {
      const passwd = await readFile('/etc/passwd', 'utf8');
      line = passwd.split('\n').find((entry) => entry.startsWith(`${name}:`));
    } catch {
      return undefined;
    }
  }
  const fields = line?.split(':');
  if (!fields || fields.length < 4) return undefined;
  const uid = Number(fields[2]);
  const gid = Number(fields[3]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) return undefined;
  return { name, uid, gid };
}
