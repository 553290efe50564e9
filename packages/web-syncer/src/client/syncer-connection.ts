import { ProtocolError } from '../errors/protocol-error.js';
import { SyncerOptionsError } from '../errors/syncer-options-error.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';
import { compareCursors, isCursor, type Cursor } from '../protocol/cursor.js';
import type { ClientFrame, ServerFrame, WireEvent } from '../protocol/wire-frames.js';
import { defaultUrl } from './default-url.js';
import { ReconnectPolicy, type ReconnectOptions } from './reconnect-policy.js';
import { readServerFrame } from './server-frame-reader.js';
import { SyncerEmitter, type SyncerEventHandler, type SyncerEventName } from './syncer-events.js';
import type { WebSocketConstructor, WebSocketEventLike, WebSocketLike } from './websocket-like.js';

/** Options of a {@link SyncerConnection} (and of `new Syncer(options)`). */
export interface SyncerConnectionOptions {
  /** The endpoint, e.g. `wss://app.example.com/web_syncer`. @defaultValue next to the page: `ws(s)://<host>/web_syncer` */
  readonly url?: string;
  /** The WebSocket constructor. @defaultValue `globalThis.WebSocket` (browsers, Node ≥ 22); pass `ws`'s on older Node */
  readonly WebSocket?: WebSocketConstructor;
  /** WebSocket subprotocols (e.g. to carry a token). */
  readonly protocols?: string | string[];
  /** Resume after this cursor (a head the page embedded before loading its data). @defaultValue the server's head */
  readonly cursor?: Cursor | null;
  readonly reconnect?: ReconnectOptions;
  /** Ping when nothing arrived for this long. @defaultValue 25000 (ms) */
  readonly heartbeatMs?: number;
  /** Reconnect when a ping got no answer within this. @defaultValue 10000 (ms) */
  readonly heartbeatTimeoutMs?: number;
}

/** Receives the events of one channel. @internal */
export type ChannelListener = (event: WireEvent) => void;

type State = 'idle' | 'connecting' | 'open' | 'waiting' | 'closed';
type Timer = ReturnType<typeof setTimeout>;

/**
 * One WebSocket to a web-syncer server, shared by the Syncers given it: the union of their
 * channels, the cursor of the last event received, reconnection with backoff and jitter, and
 * catch-up from the cursor after a reconnect. Events arrive once each, in commit order.
 *
 * @example
 * ```ts
 * const connection = new SyncerConnection({ url: 'wss://app.example.com/web_syncer' });
 * const tasks = new Syncer({ connection });
 * const projects = new Syncer({ connection }); // same socket
 * ```
 */
export class SyncerConnection {
  readonly #url: string;
  readonly #WebSocket: WebSocketConstructor;
  readonly #protocols: string | string[] | undefined;
  readonly #policy: ReconnectPolicy;
  readonly #heartbeatMs: number;
  readonly #heartbeatTimeoutMs: number;
  readonly #emitter = new SyncerEmitter();
  readonly #channels = new Map<string, Set<ChannelListener>>();
  #cursor: Cursor | null;
  #socket: WebSocketLike | undefined;
  #state: State = 'idle';
  #established = false;
  #acknowledged = false;
  #subscribeTimer: Timer | undefined;
  #reconnectTimer: Timer | undefined;
  #heartbeatTimer: Timer | undefined;
  #lastMessageAt = 0;
  #pingAt: number | undefined;

  constructor(options: SyncerConnectionOptions = {}) {
    this.#url = options.url ?? defaultUrl();
    const WebSocketClass =
      options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (typeof WebSocketClass !== 'function')
      throw new SyncerOptionsError('WebSocket', 'a WebSocket constructor (none is global here)');
    if (options.cursor !== undefined && options.cursor !== null && !isCursor(options.cursor)) {
      throw new SyncerOptionsError('cursor', 'a cursor string "<seq>" or "<seq>:<id>", or null');
    }
    this.#WebSocket = WebSocketClass;
    this.#protocols = options.protocols;
    this.#cursor = options.cursor ?? null;
    this.#policy = new ReconnectPolicy(options.reconnect);
    this.#heartbeatMs = options.heartbeatMs ?? 25_000;
    this.#heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 10_000;
  }

  /** The cursor of the last event received (or the acknowledged head); `null` before any. */
  get cursor(): Cursor | null {
    return this.#cursor;
  }

  /** True while the socket is open and the subscription acknowledged. */
  get connected(): boolean {
    return this.#state === 'open' && this.#acknowledged;
  }

  /** True after `close()`. */
  get closed(): boolean {
    return this.#state === 'closed';
  }

  /** Channels the connection subscribes to. */
  get channels(): string[] {
    return [...this.#channels.keys()];
  }

  /** Listen to an event; returns a function that stops listening. */
  on<TName extends SyncerEventName>(name: TName, handler: SyncerEventHandler<TName>): () => void {
    return this.#emitter.on(name, handler);
  }

  /** Add a listener of a channel (connecting on the first one). @internal */
  listen(channel: string, listener: ChannelListener): () => void {
    let listeners = this.#channels.get(channel);
    if (listeners === undefined) {
      listeners = new Set();
      this.#channels.set(channel, listeners);
      this.#channelsChanged();
    }
    listeners.add(listener);
    return () => {
      const current = this.#channels.get(channel);
      if (current === undefined || !current.delete(listener) || current.size > 0) return;
      this.#channels.delete(channel);
      this.#channelsChanged();
    };
  }

  /** Reconnect now (after a 4001, or to skip a backoff delay). */
  reconnect(): void {
    if (this.#state === 'closed') return;
    this.#dropSocket();
    this.#clearTimer('reconnect');
    this.#connect();
  }

  /** Close for good: no reconnection; listeners get nothing more. */
  close(): void {
    if (this.#state === 'closed') return;
    const wasOpen = this.#socket !== undefined;
    this.#dropSocket(1000, 'closed by the client');
    this.#state = 'closed';
    this.#clearTimer('reconnect');
    this.#clearTimer('subscribe');
    if (wasOpen)
      this.#emitter.emit('disconnect', {
        code: 1000,
        reason: 'closed by the client',
        willReconnect: false,
      });
  }

  #channelsChanged(): void {
    if (this.#state === 'closed') return;
    if (this.#state === 'idle') {
      this.#connect();
      return;
    }
    if (this.#state !== 'open' || this.#subscribeTimer !== undefined) return;
    this.#subscribeTimer = setTimeout(() => {
      this.#subscribeTimer = undefined;
      this.#sendSubscribe();
    }, 0);
  }

  #connect(): void {
    this.#state = 'connecting';
    this.#acknowledged = false;
    let socket: WebSocketLike;
    try {
      const Open = this.#WebSocket as unknown as new (
        url: string,
        protocols?: string | string[],
      ) => WebSocketLike;
      socket =
        this.#protocols === undefined ? new Open(this.#url) : new Open(this.#url, this.#protocols);
    } catch (error) {
      this.#emitter.emit('error', { error });
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.addEventListener('open', () => this.#socket === socket && this.#onOpen());
    socket.addEventListener(
      'message',
      (event) => this.#socket === socket && this.#onMessage(event),
    );
    socket.addEventListener('close', (event) => this.#socket === socket && this.#onClose(event));
    socket.addEventListener('error', () => undefined);
  }

  #onOpen(): void {
    this.#state = 'open';
    this.#lastMessageAt = Date.now();
    this.#pingAt = undefined;
    this.#startHeartbeat();
    this.#clearTimer('subscribe');
    this.#sendSubscribe();
  }

  #sendSubscribe(): void {
    this.#send({ type: 'subscribe', channels: [...this.#channels.keys()], cursor: this.#cursor });
  }

  #send(frame: ClientFrame): void {
    if (this.#socket?.readyState === 1) this.#socket.send(JSON.stringify(frame));
  }

  #onMessage(event: WebSocketEventLike): void {
    this.#lastMessageAt = Date.now();
    this.#pingAt = undefined;
    let frame: ServerFrame;
    try {
      frame = readServerFrame(event.data);
    } catch (error) {
      this.#emitter.emit('error', { error });
      return;
    }
    this.#handle(frame);
  }

  #handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'events':
        for (const wire of frame.events) this.#deliver(wire);
        return;
      case 'subscribed':
        this.#adopt(frame.cursor);
        if (frame.denied.length > 0) this.#emitter.emit('denied', { channels: frame.denied });
        if (!this.#acknowledged) this.#acknowledge();
        return;
      case 'resync':
        this.#cursor = frame.cursor;
        this.#emitter.emit('resync', {
          channels: frame.channels,
          reason: frame.reason,
          cursor: frame.cursor,
        });
        return;
      case 'error':
        this.#emitter.emit('error', { error: new ProtocolError(frame.code, frame.message) });
        return;
      case 'pong':
        return;
    }
  }

  #acknowledge(): void {
    this.#acknowledged = true;
    const attempts = this.#policy.attempts;
    this.#policy.reset();
    if (this.#established) this.#emitter.emit('reconnect', { cursor: this.#cursor, attempts });
    else this.#emitter.emit('connect', { cursor: this.#cursor });
    this.#established = true;
  }

  /** Hand an event to the listeners of its channel, once (events at or before the cursor are skipped). */
  #deliver(wire: WireEvent): void {
    if (
      !isCursor(wire.cursor) ||
      (this.#cursor !== null && compareCursors(wire.cursor, this.#cursor) <= 0)
    )
      return;
    this.#cursor = wire.cursor;
    for (const listener of [...(this.#channels.get(wire.channel) ?? [])]) {
      try {
        listener(wire);
      } catch (error) {
        this.#emitter.emit('error', { error });
      }
    }
  }

  #adopt(cursor: Cursor): void {
    if (isCursor(cursor) && (this.#cursor === null || compareCursors(cursor, this.#cursor) > 0))
      this.#cursor = cursor;
  }

  #onClose(event: WebSocketEventLike): void {
    const code = event.code ?? 1006;
    this.#dropSocket();
    const willReconnect = code !== CLOSE_CODES.sessionExpired;
    this.#emitter.emit('disconnect', { code, reason: event.reason ?? '', willReconnect });
    if (!willReconnect) {
      this.#state = 'waiting';
      return;
    }
    if (code === CLOSE_CODES.keepAliveRecycle) this.#connect();
    else this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#state === 'closed') return;
    this.#state = 'waiting';
    const delay = this.#policy.next();
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#state === 'waiting') this.#connect();
    }, delay);
  }

  #startHeartbeat(): void {
    this.#clearTimer('heartbeat');
    const tick = Math.max(10, Math.min(this.#heartbeatMs, this.#heartbeatTimeoutMs) / 2);
    this.#heartbeatTimer = setInterval(() => this.#heartbeat(), tick);
  }

  #heartbeat(): void {
    const now = Date.now();
    if (this.#pingAt !== undefined) {
      if (now - this.#pingAt < this.#heartbeatTimeoutMs) return;
      this.#onClose({ code: CLOSE_CODES.heartbeatTimeout, reason: 'no answer to ping' });
      return;
    }
    if (now - this.#lastMessageAt >= this.#heartbeatMs) {
      this.#pingAt = now;
      this.#send({ type: 'ping' });
    }
  }

  /** Stop using the current socket (its later events are ignored) and close it. */
  #dropSocket(code?: number, reason?: string): void {
    this.#clearTimer('heartbeat');
    const socket = this.#socket;
    this.#socket = undefined;
    this.#acknowledged = false;
    if (socket !== undefined && socket.readyState < 2) {
      try {
        socket.close(code ?? 4000, reason ?? 'reconnecting');
      } catch {
        // already closing
      }
    }
    if (this.#state !== 'closed') this.#state = 'idle';
  }

  #clearTimer(which: 'subscribe' | 'reconnect' | 'heartbeat'): void {
    if (which === 'subscribe' && this.#subscribeTimer !== undefined)
      clearTimeout(this.#subscribeTimer);
    if (which === 'reconnect' && this.#reconnectTimer !== undefined)
      clearTimeout(this.#reconnectTimer);
    if (which === 'heartbeat' && this.#heartbeatTimer !== undefined)
      clearInterval(this.#heartbeatTimer);
    if (which === 'subscribe') this.#subscribeTimer = undefined;
    if (which === 'reconnect') this.#reconnectTimer = undefined;
    if (which === 'heartbeat') this.#heartbeatTimer = undefined;
  }
}
