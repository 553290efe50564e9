/**
 * The web_syncer client for browsers and Node (≥ 22, or any WebSocket constructor):
 * dependency-free.
 *
 * @packageDocumentation
 */
export { Syncer, type SyncerOptions } from './syncer.js';
export { SyncerConnection, type SyncerConnectionOptions } from './syncer-connection.js';
export type { SyncerEventHandler, SyncerEventMap, SyncerEventName } from './syncer-events.js';
export type { SyncerSubscription } from './syncer-subscription.js';
export type { ReconnectOptions } from './reconnect-policy.js';
export type {
  ChannelData,
  ChannelModel,
  ChannelNotification,
  SyncedRecords,
} from './typed-channels.js';
export type { WebSocketConstructor, WebSocketEventLike, WebSocketLike } from './websocket-like.js';
export { WebSyncerError } from '../errors/web-syncer-error.js';
export { SyncerOptionsError } from '../errors/syncer-options-error.js';
export {
  SyncerSubscriptionError,
  type SyncerSubscriptionProblem,
} from '../errors/syncer-subscription-error.js';
export { ProtocolError } from '../errors/protocol-error.js';
export { CursorError } from '../errors/cursor-error.js';
export { CLOSE_CODES, type CloseCode } from '../protocol/close-codes.js';
export { compareCursors, isCursor, type Cursor } from '../protocol/cursor.js';
export type {
  Many2oneValue,
  SyncMethod,
  SyncNotification,
  SyncPayload,
  SyncRecordId,
  SyncUser,
} from '../protocol/notification.js';
export type { WireErrorCode } from '../protocol/wire-error-code.js';
export type { ChannelDenial, WireEvent } from '../protocol/wire-frames.js';
