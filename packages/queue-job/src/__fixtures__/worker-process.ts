import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./worker-process.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** A worker running in another process (`worker-process.mjs`, over the built package). */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves when the child printed `line`. */
  waitFor(line: string): Promise<void>;
  /** SIGKILL: the process dies mid-job, like a crash. */
  kill(): Promise<void>;
  /** SIGTERM: graceful stop. */
  stop(): Promise<void>;
}

/** Start a worker process and wait until it is ready. */
export async function startWorkerProcess(
  url: string,
  options: { channels: string; concurrency: number; expireSeconds?: number },
): Promise<WorkerProcess> {
  if (!existsSync(dist))
    throw new Error('Build the package first (pnpm build): the worker process runs dist/.');
  const child = spawn(
    process.execPath,
    [
      script,
      url,
      options.channels,
      String(options.concurrency),
      String(options.expireSeconds ?? 3600),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) if (output.includes(`${waiter.line}\n`)) waiter.resolve();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(`${line}\n`)) return resolve();
      waiters.push({ line, resolve });
      void exited.then(() => reject(new Error(`worker process exited before printing '${line}'`)));
    });
  await waitFor('ready');
  return {
    child,
    waitFor,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
