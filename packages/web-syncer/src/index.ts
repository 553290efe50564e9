export { webSyncerAddon } from './addon/web-syncer-addon.js';
export type { WebSyncerAddonOptions } from './addon/web-syncer-addon-options.js';
export {
  WEB_SYNCER_LISTENER,
  WebSyncerListener,
  type WebSyncerListenerComponent,
} from './addon/web-syncer-listener.js';
export { SyncModels } from './capture/sync-models.js';
export type {
  ManyToManySatellite,
  OneToManySatellite,
  RelatedValue,
  Satellite,
  SyncModelInfo,
} from './capture/sync-model-info.js';
export { CursorError } from './errors/cursor-error.js';
export { ProtocolError } from './errors/protocol-error.js';
export { ServerClosedError } from './errors/server-closed-error.js';
export { SyncerConfigError } from './errors/syncer-config-error.js';
export { SyncerOptionsError } from './errors/syncer-options-error.js';
export {
  SyncerSubscriptionError,
  type SyncerSubscriptionProblem,
} from './errors/syncer-subscription-error.js';
export { WebSyncerError } from './errors/web-syncer-error.js';
export { channelName, parseChannel } from './protocol/channel-name.js';
export { CLOSE_CODES, type CloseCode } from './protocol/close-codes.js';
export {
  compareCursors,
  isCursor,
  parseCursor,
  type Cursor,
  type CursorParts,
} from './protocol/cursor.js';
export type {
  Many2oneValue,
  SyncMethod,
  SyncNotification,
  SyncPayload,
  SyncRecordId,
  SyncUser,
} from './protocol/notification.js';
export type { WireErrorCode } from './protocol/wire-error-code.js';
export type {
  ChannelDenial,
  ClientFrame,
  ErrorFrame,
  EventsFrame,
  PingFrame,
  PongFrame,
  ResyncFrame,
  ServerFrame,
  SubscribedFrame,
  SubscribeFrame,
  WireEvent,
} from './protocol/wire-frames.js';
export { outboxMigrations } from './schema/outbox-migrations.js';
export type { DispatcherStats } from './server/dispatcher.js';
export type { RetentionReport } from './server/retention-worker.js';
export type {
  ChannelRequest,
  RetentionOptions,
  WebSyncerLimits,
  WebSyncerServerOptions,
} from './server/server-options.js';
export type { SyncEvent } from './server/sync-event.js';
export {
  createWebSyncer,
  WebSyncerServer,
  type AttachOptions,
  type WebSyncerStats,
} from './server/web-syncer-server.js';
