import { createConnection, createServer } from 'node:net';

/** The address the embedded server listens on (never on external interfaces). */
export const LISTEN_HOST = '127.0.0.1';

/** Binds `port` (0: any) on the loopback interface and returns the port that was bound. */
function bind(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host: LISTEN_HOST, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** A TCP port that is free on the loopback interface right now (chosen by the OS). */
export function findFreePort(): Promise<number> {
  return bind(0);
}

/** True when `port` can be bound on the loopback interface right now. */
export async function isPortFree(port: number): Promise<boolean> {
  try {
    await bind(port);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
    throw error;
  }
}

/** True when something accepts TCP connections on `host:port`. */
export function canConnect(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (result: boolean): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
