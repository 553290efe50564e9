import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { syncModelsOf } from '../capture/sync-models.js';
import { ServerClosedError } from '../errors/server-closed-error.js';
import { SyncerOptionsError } from '../errors/syncer-options-error.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';
import type { Cursor } from '../protocol/cursor.js';
import { ChannelGate } from './channel-gate.js';
import { ConnectionKeeper } from './connection-keeper.js';
import { Dispatcher, type DispatcherStats } from './dispatcher.js';
import { EventEncoder } from './event-encoder.js';
import { OutboxReader } from './outbox-reader.js';
import { resolveLimits, type ResolvedLimits } from './resolved-limits.js';
import { runRetention, type RetentionReport } from './retention-worker.js';
import type { WebSyncerServerOptions } from './server-options.js';
import { SocketHub } from './socket-hub.js';
import { SocketSession } from './socket-session.js';
import { WakeListener } from './wake-listener.js';

/** Counters of a server process. */
export interface WebSyncerStats {
  readonly connections: number;
  readonly dispatcher: DispatcherStats;
  /** True while the LISTEN connection is up (always false with `notify: false`). */
  readonly listening: boolean;
}

/** Options of {@link WebSyncerServer.attach}. */
export interface AttachOptions {
  /** The URL path of the endpoint. @defaultValue `'/web_syncer'` */
  readonly path?: string;
}

type State = 'new' | 'starting' | 'started' | 'closed';

/**
 * A web-syncer server process: one LISTEN connection, one dispatcher reading the outbox in
 * commit order, and a WebSocket endpoint (on `ws`) that any Node HTTP server can host. Several
 * processes over one database each deliver every event to their own clients.
 *
 * Make it with {@link createWebSyncer}.
 */
export class WebSyncerServer<TSession = object> {
  readonly #options: WebSyncerServerOptions<TSession>;
  readonly #limits: ResolvedLimits;
  readonly #reader: OutboxReader;
  readonly #hub = new SocketHub<TSession>();
  readonly #wss: WebSocketServer;
  readonly #dispatcher: Dispatcher;
  readonly #keeper: ConnectionKeeper<TSession>;
  readonly #timers: NodeJS.Timeout[] = [];
  #wake: WakeListener | undefined;
  #encoder: EventEncoder | undefined;
  #gate: ChannelGate<TSession> | undefined;
  #db = '';
  #state: State = 'new';

  constructor(options: WebSyncerServerOptions<TSession>) {
    validate(options);
    this.#options = options;
    this.#limits = resolveLimits(options.limits);
    this.#reader = new OutboxReader(options.db);
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.#limits.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.#dispatcher = new Dispatcher({
      reader: this.#reader,
      onEvents: (events) => this.#hub.publish(events),
      onError: (error) => this.#error(error),
      pageCommits: options.pageSize ?? 500,
      notify: options.notify ?? true,
      busyPollMs: options.busyPollMs ?? 2,
    });
    this.#keeper = new ConnectionKeeper({
      hub: this.#hub,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 15_000,
      maxConnectionAgeMs: options.maxConnectionAgeMs,
      sessionCheckIntervalMs: options.sessionCheckIntervalMs ?? 60_000,
      validateSession: options.validateSession,
      onError: (error) => this.#error(error),
    });
  }

  /** The database name: channels are `<database>:<model>`. Known once started. */
  get database(): string {
    return this.#db;
  }

  /**
   * Connect (LISTEN), settle the starting position and start the timers. Events committed
   * before `start` are not sent live; clients get them by catching up from a cursor.
   */
  async start(): Promise<void> {
    if (this.#state !== 'new')
      throw new ServerClosedError('start', this.#state === 'closed' ? 'closed' : 'not-started');
    this.#state = 'starting';
    this.#db = await this.#reader.databaseName();
    const syncable = syncModelsOf(
      this.#options.registries.models,
      this.#options.registries.addons,
    ).syncableModels();
    this.#gate = new ChannelGate(this.#db, syncable, this.#options.authorize, (error) =>
      this.#error(error),
    );
    this.#encoder = new EventEncoder(this.#db, this.#limits.maxEventBytes);
    await this.#dispatcher.start();
    const notify = this.#options.notify ?? true;
    if (notify) {
      this.#wake = new WakeListener({
        connection:
          typeof this.#options.listen === 'string'
            ? { connectionString: this.#options.listen }
            : this.#options.listen,
        onNotify: () => void this.#dispatcher.wake(),
        onListening: () => void this.#dispatcher.wake(),
        onError: (error) => this.#error(error),
      });
      await this.#wake.start();
    }
    const poll = this.#options.pollIntervalMs ?? (notify ? 1000 : 250);
    this.#timers.push(setInterval(() => void this.#dispatcher.wake(), poll).unref());
    this.#startRetention();
    this.#keeper.start();
    this.#state = 'started';
  }

  /**
   * Serve the endpoint on an HTTP server's `upgrade` requests for `path`; other paths are left
   * to other handlers. Returns a function that detaches it.
   */
  attach(server: HttpServer, options: AttachOptions = {}): () => void {
    const path = options.path ?? '/web_syncer';
    const listener = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
      if (pathOf(request.url) !== path) return;
      void this.handleUpgrade(request, socket, head);
    };
    server.on('upgrade', listener);
    return () => void server.off('upgrade', listener);
  }

  /**
   * Take over an HTTP upgrade request (for servers other than `node:http`'s, or a custom
   * router): authenticate, then accept the WebSocket or answer 401 / 503.
   */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.#state !== 'started' || this.#hub.sessions.size >= this.#limits.maxConnections)
      return refuse(socket, 503, 'Service Unavailable');
    let session: TSession | null | undefined;
    try {
      session =
        this.#options.authenticate === undefined
          ? ({} as TSession)
          : await this.#options.authenticate(request);
    } catch (error) {
      this.#error(error);
      return refuse(socket, 500, 'Internal Server Error');
    }
    if (session === null || session === undefined) return refuse(socket, 401, 'Unauthorized');
    const accepted = session;
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, accepted));
  }

  /**
   * The current head cursor: embed it in a page **before** loading its data, and give it to
   * the client (`new Syncer({ cursor })`), so that nothing committed in between is missed.
   */
  async head(): Promise<Cursor> {
    if (this.#state !== 'started')
      throw new ServerClosedError(
        'give the head',
        this.#state === 'closed' ? 'closed' : 'not-started',
      );
    await this.#dispatcher.wake();
    return this.#dispatcher.delivered;
  }

  /** Delete expired events now (also runs on its timer). */
  async runRetention(maxAgeMs = this.#retentionMaxAge()): Promise<RetentionReport> {
    return runRetention(this.#options.db, maxAgeMs);
  }

  /** Connection and dispatch counters. */
  stats(): WebSyncerStats {
    return {
      connections: this.#hub.sessions.size,
      dispatcher: this.#dispatcher.stats(),
      listening: this.#wake?.listening ?? false,
    };
  }

  /** Close every connection (1001, clients reconnect elsewhere), stop listening and the timers. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    for (const timer of this.#timers) clearInterval(timer);
    this.#keeper.stop();
    for (const session of [...this.#hub.sessions])
      session.close(CLOSE_CODES.goingAway, 'server shutting down');
    await this.#wake?.close();
    await this.#dispatcher.close();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  /** Drop the LISTEN connection as a network failure would (tests). @internal */
  simulateListenLoss(): void {
    this.#wake?.simulateLoss();
  }

  #accept(ws: WebSocket, session: TSession): void {
    const hub = this.#hub;
    const socketSession = new SocketSession(ws, session, {
      reader: this.#reader,
      encoder: this.#encoder as EventEncoder,
      gate: this.#gate as ChannelGate<TSession>,
      limits: this.#limits,
      pageSize: this.#options.pageSize ?? 500,
      filterEvent: this.#options.filterEvent,
      project: this.#options.project,
      delivered: () => this.#dispatcher.delivered,
      channelsChanged: (s, before, after) => hub.channelsChanged(s, before, after),
      onError: (error) => this.#error(error),
    });
    hub.add(socketSession);
    ws.on('close', () => hub.remove(socketSession));
    ws.on('error', (error) => this.#error(error));
    if (this.#state !== 'started')
      socketSession.close(CLOSE_CODES.goingAway, 'server shutting down');
  }

  #startRetention(): void {
    const retention = this.#options.retention;
    if (retention === false) return;
    const interval = retention?.intervalMs ?? 60_000;
    const run = (): void => void this.runRetention().catch((error: unknown) => this.#error(error));
    this.#timers.push(setInterval(run, interval).unref());
  }

  #retentionMaxAge(): number {
    const retention = this.#options.retention;
    return retention === false ? 86_400_000 : (retention?.maxAgeMs ?? 86_400_000);
  }

  #error(error: unknown): void {
    this.#options.onError?.(error);
  }
}

function validate<TSession>(options: WebSyncerServerOptions<TSession>): void {
  if (typeof options !== 'object' || options === null)
    throw new SyncerOptionsError('options', 'an object');
  if (typeof options.db?.getExecutor !== 'function')
    throw new SyncerOptionsError('db', 'a Kysely instance');
  if (options.registries?.models === undefined)
    throw new SyncerOptionsError('registries', 'the app registries (buildAppRegistries)');
  if (
    (options.notify ?? true) &&
    typeof options.listen !== 'string' &&
    typeof options.listen !== 'object'
  ) {
    throw new SyncerOptionsError('listen', 'a connection string or pg client config');
  }
}

function pathOf(url: string | undefined): string {
  const index = (url ?? '/').indexOf('?');
  return index === -1 ? (url ?? '/') : (url ?? '/').slice(0, index);
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Create a web-syncer server process. Call `start()`, then `attach(httpServer)`.
 *
 * @example
 * ```ts
 * const syncer = createWebSyncer({
 *   db, registries, listen: process.env.DATABASE_URL,
 *   authenticate: (request) => sessionFromCookie(request),
 *   authorize: (session, { model }) => session.canRead(model),
 * });
 * await syncer.start();
 * syncer.attach(httpServer); // ws://host/web_syncer
 * ```
 */
export function createWebSyncer<TSession = object>(
  options: WebSyncerServerOptions<TSession>,
): WebSyncerServer<TSession> {
  return new WebSyncerServer(options);
}
