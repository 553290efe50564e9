import type { ChannelGate } from './channel-gate.js';
import type { EventEncoder } from './event-encoder.js';
import type { OutboxReader } from './outbox-reader.js';
import type { ResolvedLimits } from './resolved-limits.js';
import type { WebSyncerServerOptions } from './server-options.js';
import type { SocketSession } from './socket-session.js';

/** What a socket session needs from its server. @internal */
export interface SessionServices<TSession> {
  readonly reader: OutboxReader;
  readonly encoder: EventEncoder;
  readonly gate: ChannelGate<TSession>;
  readonly limits: ResolvedLimits;
  readonly pageSize: number;
  readonly filterEvent: WebSyncerServerOptions<TSession>['filterEvent'];
  readonly project: WebSyncerServerOptions<TSession>['project'];
  /** The dispatcher's position: every commit up to it was published. */
  delivered(): string;
  /** Keep the channel index in step with a session's channels. */
  channelsChanged(
    session: SocketSession<TSession>,
    before: ReadonlySet<string>,
    after: ReadonlySet<string>,
  ): void;
  onError(error: unknown): void;
}
