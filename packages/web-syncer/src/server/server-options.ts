import type { Addon } from '@bindery/component';
import type { ModelRegistry } from '@bindery/model';
import type { IncomingMessage } from 'node:http';
import type { QueryExecutorProvider } from 'kysely';
import type pg from 'pg';
import type { SyncNotification } from '../protocol/notification.js';
import type { SyncEvent } from './sync-event.js';

/** A channel a client asks for, split. */
export interface ChannelRequest {
  /** `<db>:<model>`. */
  readonly channel: string;
  readonly db: string;
  readonly model: string;
}

/** Limits that protect the server from clients. Every field has a default. */
export interface WebSyncerLimits {
  /** Largest inbound frame; larger ones close the connection with 1009. @defaultValue 65536 (bytes) */
  readonly maxFrameBytes?: number;
  /** Channels per connection; more is refused with `too_many_channels`. @defaultValue 100 */
  readonly maxChannels?: number;
  /** Largest event payload sent whole; larger ones go out with `data: {}` and `truncated: true`. @defaultValue 262144 (bytes) */
  readonly maxEventBytes?: number;
  /** Inbound frames accepted at once. @defaultValue 10 */
  readonly rateBurst?: number;
  /** Inbound frames per second after the burst. @defaultValue 5 */
  readonly ratePerSecond?: number;
  /** Consecutive frames refused for rate before the connection is closed with 1008. @defaultValue 50 */
  readonly maxRefusedFrames?: number;
  /** Protocol errors of one connection before it is closed with 1008. @defaultValue 20 */
  readonly maxProtocolErrors?: number;
  /** A client whose unsent data passes this is closed with 1013 (it reconnects and catches up). @defaultValue 8388608 (bytes) */
  readonly maxBufferedBytes?: number;
  /** Open connections per process; more are refused with HTTP 503. @defaultValue 10000 */
  readonly maxConnections?: number;
}

/** When events are deleted. */
export interface RetentionOptions {
  /** Events of commits older than this are removed. @defaultValue 86400000 (24 h, in ms) */
  readonly maxAgeMs?: number;
  /** How often a process tries to clean up (one process at a time does). @defaultValue 60000 (ms) */
  readonly intervalMs?: number;
}

/**
 * Options of {@link createWebSyncer}. `TSession` is whatever `authenticate` returns for a
 * connection; the other hooks receive it.
 */
export interface WebSyncerServerOptions<TSession> {
  /** The app's database (a Kysely instance over a pool). */
  readonly db: QueryExecutorProvider;
  /** The app's models and addons (`buildAppRegistries(...)`): which models are syncable. */
  readonly registries: { readonly models: ModelRegistry; readonly addons: readonly Addon[] };
  /**
   * The LISTEN connection: a connection string or `pg` client config. It must be a session
   * connection (not through a transaction-mode pooler).
   */
  readonly listen: string | pg.ClientConfig;
  /**
   * Who connects: called on every WebSocket upgrade. `null` / `undefined` refuses the
   * connection with HTTP 401. @defaultValue every connection gets the session `{}`
   */
  readonly authenticate?: (
    request: IncomingMessage,
  ) => TSession | null | undefined | Promise<TSession | null | undefined>;
  /**
   * May this session subscribe to this channel? Called for every channel of every subscribe.
   * **Default: deny** — without this option no channel can be subscribed.
   */
  readonly authorize?: (session: TSession, channel: ChannelRequest) => boolean | Promise<boolean>;
  /** Per-event filter (synchronous, in memory): `false` skips the event for this session. */
  readonly filterEvent?: (session: TSession, event: SyncEvent) => boolean;
  /** Rewrite the notification for this session (strip fields); runs after `filterEvent`. */
  readonly project?: (session: TSession, event: SyncEvent) => SyncNotification;
  /** Is the session still valid? Checked every `sessionCheckIntervalMs`; `false` closes with 4001. */
  readonly validateSession?: (session: TSession) => boolean | Promise<boolean>;
  /** @defaultValue 60000 (ms) */
  readonly sessionCheckIntervalMs?: number;
  /** Server ping interval. @defaultValue 30000 (ms) */
  readonly heartbeatIntervalMs?: number;
  /** A connection that has not answered a ping within this is terminated. @defaultValue 15000 (ms) */
  readonly heartbeatTimeoutMs?: number;
  /** Close connections (4002, the client reconnects at once) after this age plus up to half of it at random. @defaultValue never */
  readonly maxConnectionAgeMs?: number;
  /** Ask writers for a NOTIFY when the dispatcher is idle; `false`: poll only. @defaultValue true */
  readonly notify?: boolean;
  /**
   * With NOTIFY: after a read that delivered events, read again after this long instead of
   * asking writers for a NOTIFY. Under a steady stream of commits writers then send none (a
   * NOTIFY takes a cluster-wide lock at commit) and the dispatcher rarely waits on committing
   * transactions; delivery may lag by this much. `0`: ask as soon as a read finds nothing new.
   * @defaultValue 2 (ms)
   */
  readonly busyPollMs?: number;
  /** Poll period: a safety net with NOTIFY, the only source without. @defaultValue 1000 with notify, 250 without (ms) */
  readonly pollIntervalMs?: number;
  /** Retention of events, or `false` to keep them (another process cleans up). */
  readonly retention?: RetentionOptions | false;
  readonly limits?: WebSyncerLimits;
  /** Events per catch-up frame, commits per dispatcher read. @defaultValue 500 */
  readonly pageSize?: number;
  /** Background errors (lost LISTEN connection, failed round, failing hook). @defaultValue ignored */
  readonly onError?: (error: unknown) => void;
}
