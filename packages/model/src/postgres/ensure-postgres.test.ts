import { existsSync, readlinkSync, readdirSync, realpathSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { getTestAdminUrl } from '../test/test-server.js';
import { startEmbeddedPostgres } from './embedded-server.js';
import { ensurePostgres, type PostgresServer } from './index.js';
import { canConnect } from './ports.js';
import { PostgresSetupError } from './postgres-setup-error.js';
import { sleep } from './processes.js';

const isRoot = process.getuid?.() === 0;

async function query<R extends object>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Pids of processes whose working directory is `dataDir`: a server and its backends. */
function serverProcesses(dataDir: string): number[] {
  let target: string;
  try {
    target = realpathSync(dataDir);
  } catch {
    target = dataDir;
  }
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === target) pids.push(Number(entry));
    } catch {
      // Gone, or not ours to look at.
    }
  }
  return pids;
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

async function expectSetupError(
  promise: Promise<unknown>,
  step: PostgresSetupError['step'],
): Promise<PostgresSetupError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(PostgresSetupError.isInstance(error)).toBe(true);
  expect(error).toBeInstanceOf(PostgresSetupError);
  const setupError = error as PostgresSetupError;
  expect(setupError.step).toBe(step);
  return setupError;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'bindery-postgres-test-'));
  // As root, the server runs as the `postgres` user and must reach the data dirs inside.
  await chmod(scratch, 0o755);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const externalUrl =
  process.env['BINDERY_TEST_EXTERNAL_DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const externalReachable = await canConnect(
  new URL(externalUrl).hostname,
  Number(new URL(externalUrl).port || 5432),
);

describe('with DATABASE_URL', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('uses the server of DATABASE_URL and stop() leaves it alone', async () => {
    const url = getTestAdminUrl();
    vi.stubEnv('DATABASE_URL', url);
    const server = await ensurePostgres({ persistent: false });
    expect(server).toMatchObject({ url, embedded: false, dataDir: undefined });
    await server.stop();
    expect(await query<{ one: number }>(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  test.skipIf(!externalReachable)(
    "uses an external server given explicitly (the machine's own, " + externalUrl + ')',
    async () => {
      vi.stubEnv('DATABASE_URL', '');
      const server = await ensurePostgres({ databaseUrl: externalUrl });
      expect(server.embedded).toBe(false);
      expect(server.url).toBe(externalUrl);
      const [row] = await query<{ version: string }>(server.url, 'SELECT version()');
      expect(row?.version).toMatch(/^PostgreSQL/);
      await server.stop();
    },
  );

  test('an empty DATABASE_URL counts as unset', async () => {
    vi.stubEnv('DATABASE_URL', '');
    const server = await ensurePostgres({ persistent: false });
    try {
      expect(server.embedded).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

describe('throwaway embedded server', () => {
  test('starts a real PostgreSQL in a fresh directory and removes everything on stop', async () => {
    // databaseUrl: null ignores DATABASE_URL even when it is set.
    vi.stubEnv('DATABASE_URL', 'postgres://nobody@127.0.0.1:1/nowhere');
    const server = await ensurePostgres({ databaseUrl: null, persistent: false });
    vi.unstubAllEnvs();
    const dataDir = server.dataDir ?? '';
    expect(server.embedded).toBe(true);
    expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    if (isRoot) expect((await stat(dataDir)).uid).not.toBe(0);

    const [row] = await query<{ version: string; fsync: string }>(
      server.url,
      "SELECT version(), current_setting('fsync') AS fsync",
    );
    expect(row?.version).toMatch(/^PostgreSQL 1\d/);
    expect(row?.fsync).toBe('off');
    expect(serverProcesses(dataDir).length).toBeGreaterThan(0);

    await server.stop();
    expect(existsSync(dataDir)).toBe(false);
    expect(await canConnect('127.0.0.1', portOf(server.url))).toBe(false);
    await waitUntil(() => serverProcesses(dataDir).length === 0);
    await server.stop(); // idempotent
  });

  test('stop() disconnects open clients (fast shutdown)', async () => {
    const server = await ensurePostgres({ databaseUrl: null, persistent: false });
    const client = new pg.Client({ connectionString: server.url });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('BEGIN');
    await server.stop();
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end().catch(() => undefined);
  });
});

describe('persistent embedded server', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = join(scratch, 'app', '.data', 'postgres');
  });

  async function start(logs: string[] = []): Promise<PostgresServer> {
    return ensurePostgres({ databaseUrl: null, dataDir, onLog: (line) => logs.push(line) });
  }

  test('keeps its data across restarts without running initdb again', async () => {
    const firstLogs: string[] = [];
    const first = await start(firstLogs);
    expect(first.dataDir).toBe(dataDir);
    expect(firstLogs.some((line) => line.startsWith('initialising'))).toBe(true);
    const versionFile = await stat(join(dataDir, 'PG_VERSION'));
    await query(first.url, 'CREATE TABLE note (id int PRIMARY KEY, body text)');
    await query(first.url, "INSERT INTO note VALUES (1, 'kept')");
    await first.stop();
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(existsSync(dataDir)).toBe(true);
    await waitUntil(() => serverProcesses(dataDir).length === 0);

    const secondLogs: string[] = [];
    const second = await start(secondLogs);
    try {
      expect(secondLogs.some((line) => line.startsWith('initialising'))).toBe(false);
      expect((await stat(join(dataDir, 'PG_VERSION'))).ino).toBe(versionFile.ino);
      expect(await query(second.url, 'SELECT body FROM note')).toEqual([{ body: 'kept' }]);
    } finally {
      await second.stop();
    }
  });

  test('restarts after a crash (stale postmaster.pid), keeping committed data', async () => {
    const server = await start();
    await query(server.url, "INSERT INTO note VALUES (2, 'before crash')");
    const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => serverProcesses(dataDir).length === 0);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);

    const logs: string[] = [];
    const restarted = await start(logs);
    try {
      expect(logs.some((line) => line.includes('removing stale'))).toBe(true);
      expect(await query(restarted.url, 'SELECT id FROM note ORDER BY id')).toEqual([
        { id: 1 },
        { id: 2 },
      ]);
    } finally {
      await restarted.stop();
      await server.stop(); // the crashed one: nothing left to do
    }
  });

  test('ignores a postmaster.pid naming a live process that is not its server', async () => {
    // After a reboot the pid in a stale file may belong to any process — here, this one.
    await writeFile(
      join(dataDir, 'postmaster.pid'),
      `${process.pid}\n${dataDir}\n0\n5432\n\n127.0.0.1\n0 0\nready\n`,
    );
    const server = await start();
    try {
      expect(await query(server.url, 'SELECT count(*)::int AS n FROM note')).toEqual([{ n: 2 }]);
    } finally {
      await server.stop();
    }
  });

  test('calls of one process share the server; it stops with the last stop()', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.url).toBe(b.url);
    await a.stop();
    await a.stop(); // counted once
    expect(await query(b.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await b.stop();
    expect(await canConnect('127.0.0.1', portOf(b.url))).toBe(false);
  });

  test('reuses a server another process already runs on the directory', async () => {
    // Started "elsewhere": directly, outside ensurePostgres's per-process sharing.
    const owner = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      const reused = await startEmbeddedPostgres({ dataDir, persistent: true });
      expect(reused.owned).toBe(false);
      expect(reused.pid).toBe(owner.pid);
      expect(reused.url).toBe(owner.url);
      await reused.stop(); // not its server: a no-op
      expect(await query(owner.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await owner.stop();
    }
    await waitUntil(() => serverProcesses(dataDir).length === 0);
  });
});

describe('setup errors', () => {
  test('a port in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const error = await expectSetupError(
        ensurePostgres({ databaseUrl: null, persistent: false, port }),
        'port',
      );
      expect(error.port).toBe(port);
      expect(error.message).toContain(`Port ${port}`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('initdb failing, with its output; the throwaway directory is removed', async () => {
    const dataDir = join(scratch, 'bad-locale');
    const error = await expectSetupError(
      startEmbeddedPostgres({ dataDir, persistent: false, initdbArgs: ['--locale=xx_INVALID'] }),
      'initdb',
    );
    expect(error.dataDir).toBe(dataDir);
    expect(error.output).toContain('invalid locale name');
    expect(error.message).toContain('invalid locale name');
    expect(existsSync(dataDir)).toBe(false);
  });

  test('a non-empty directory that is not a cluster', async () => {
    const dataDir = join(scratch, 'not-a-cluster');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'notes.txt'), 'mine');
    await expectSetupError(ensurePostgres({ databaseUrl: null, dataDir }), 'initdb');
    expect(await readFile(join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
    await expectSetupError(
      ensurePostgres({ databaseUrl: null, dataDir, persistent: false }),
      'initdb',
    );
    expect(existsSync(join(dataDir, 'notes.txt'))).toBe(true);
  });

  test('a cluster of another PostgreSQL major version', async () => {
    const dataDir = join(scratch, 'old-cluster');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'PG_VERSION'), '9.6\n');
    const error = await expectSetupError(ensurePostgres({ databaseUrl: null, dataDir }), 'start');
    expect(error.message).toContain('PostgreSQL 9.6');
  });

  test.runIf(isRoot)('as root: a data directory the postgres user cannot reach', async () => {
    const locked = join(scratch, 'locked');
    await mkdir(locked, { mode: 0o700 });
    await chmod(locked, 0o700);
    const error = await expectSetupError(
      ensurePostgres({ databaseUrl: null, dataDir: join(locked, 'pg') }),
      'permissions',
    );
    expect(error.message).toContain("OS user 'postgres'");
  });
});
