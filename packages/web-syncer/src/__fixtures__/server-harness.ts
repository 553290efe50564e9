import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSyncerServerOptions } from '../server/server-options.js';
import { createWebSyncer, type WebSyncerServer } from '../server/web-syncer-server.js';
import type { ProjectDatabase } from './project-database.js';

/** A test session: who is connected. */
export interface TestSession {
  readonly user: string;
  /** Models this user may subscribe to. */
  readonly models: readonly string[];
}

/** A started web-syncer server on an ephemeral HTTP port. */
export interface RunningServer {
  readonly syncer: WebSyncerServer<TestSession>;
  readonly http: Server;
  /** `ws://127.0.0.1:<port>/web_syncer` */
  readonly url: string;
  readonly port: number;
  /** Background errors reported by the server. */
  readonly errors: unknown[];
  close(): Promise<void>;
}

/**
 * Start a server for the app database: sessions from the `?user=` query (`nobody` is refused),
 * channels authorized by the session's models (all syncable models unless `?models=a,b`).
 */
export async function startServer(
  app: ProjectDatabase,
  options: Partial<WebSyncerServerOptions<TestSession>> = {},
  port = 0,
): Promise<RunningServer> {
  const errors: unknown[] = [];
  const syncer = createWebSyncer<TestSession>({
    db: app.db,
    registries: app.registries,
    listen: app.url,
    authenticate: (request) => {
      const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
      const user = query.get('user') ?? 'admin';
      if (user === 'nobody') return null;
      const models = query.get('models')?.split(',') ?? [
        'project.project',
        'project.task',
        'project.note',
      ];
      return { user, models };
    },
    authorize: (session, { model }) => session.models.includes(model),
    onError: (error) => errors.push(error),
    retention: false,
    ...options,
  });
  await syncer.start();
  const http = createServer((_request, response) => response.writeHead(404).end());
  syncer.attach(http);
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const address = http.address() as AddressInfo;
  return {
    syncer,
    http,
    url: `ws://127.0.0.1:${address.port}/web_syncer`,
    port: address.port,
    errors,
    async close() {
      await syncer.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Wait until `condition` holds (checked every 10 ms), or fail after `timeoutMs` with `what`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Let pending I/O run for a while (to show that nothing more arrives). */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
