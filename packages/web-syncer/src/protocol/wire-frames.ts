import type { Cursor } from './cursor.js';
import type { SyncNotification } from './notification.js';
import type { WireErrorCode } from './wire-error-code.js';

/**
 * Client → server: the full set of channels (it replaces the previous one) and, on a new
 * connection, the cursor to resume after (`null`: start at the current head).
 */
export interface SubscribeFrame {
  readonly type: 'subscribe';
  readonly channels: readonly string[];
  readonly cursor?: Cursor | null;
}

/** Client → server: application-level ping, answered by `pong`. */
export interface PingFrame {
  readonly type: 'ping';
}

/** Every frame a client may send. */
export type ClientFrame = SubscribeFrame | PingFrame;

/** A channel the server refused, and why. */
export interface ChannelDenial {
  readonly channel: string;
  readonly code: Extract<WireErrorCode, 'forbidden' | 'unknown_channel'>;
}

/**
 * Server → client: the subscription is in force. `cursor` is where the live stream starts for
 * channels that had no cursor (events after it follow).
 */
export interface SubscribedFrame {
  readonly type: 'subscribed';
  readonly channels: readonly string[];
  readonly denied: readonly ChannelDenial[];
  readonly cursor: Cursor;
}

/** One event: its cursor, channel and the notification itself. */
export interface WireEvent<TData = Readonly<Record<string, unknown>>> {
  readonly cursor: Cursor;
  readonly channel: string;
  readonly message: SyncNotification<TData>;
}

/** Server → client: events in commit order, never repeated on a connection. */
export interface EventsFrame {
  readonly type: 'events';
  readonly events: readonly WireEvent[];
}

/**
 * Server → client: events of these channels between the client's cursor and `cursor` are gone
 * (retention): refetch, then continue from `cursor`.
 */
export interface ResyncFrame {
  readonly type: 'resync';
  readonly channels: readonly string[];
  readonly reason: 'cursor_expired' | 'cursor_unknown';
  readonly cursor: Cursor;
}

/** Server → client: a frame of the client was refused. The connection stays open. */
export interface ErrorFrame {
  readonly type: 'error';
  readonly code: WireErrorCode;
  readonly message: string;
}

/** Server → client: answer to `ping`. */
export interface PongFrame {
  readonly type: 'pong';
}

/** Every frame the server may send. */
export type ServerFrame = SubscribedFrame | EventsFrame | ResyncFrame | ErrorFrame | PongFrame;
