import { CLOSE_CODES } from '../protocol/close-codes.js';
import type { SocketHub } from './socket-hub.js';
import type { SocketSession } from './socket-session.js';

/** Options of {@link ConnectionKeeper}. @internal */
export interface ConnectionKeeperOptions<TSession> {
  readonly hub: SocketHub<TSession>;
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly maxConnectionAgeMs: number | undefined;
  readonly sessionCheckIntervalMs: number;
  readonly validateSession: ((session: TSession) => boolean | Promise<boolean>) | undefined;
  readonly onError: (error: unknown) => void;
}

/**
 * Timers over the open connections: ping idle ones and terminate those that do not answer,
 * recycle old ones (4002), re-validate sessions (4001). @internal
 */
export class ConnectionKeeper<TSession> {
  readonly #options: ConnectionKeeperOptions<TSession>;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #deadlines = new WeakMap<SocketSession<TSession>, number>();

  constructor(options: ConnectionKeeperOptions<TSession>) {
    this.#options = options;
  }

  start(): void {
    const { heartbeatIntervalMs, heartbeatTimeoutMs, sessionCheckIntervalMs, validateSession } =
      this.#options;
    const tick = Math.max(10, Math.min(heartbeatIntervalMs, heartbeatTimeoutMs) / 2);
    this.#timers.push(setInterval(() => this.#heartbeat(), tick).unref());
    if (validateSession !== undefined) {
      this.#timers.push(
        setInterval(() => void this.#validate(validateSession), sessionCheckIntervalMs).unref(),
      );
    }
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.length = 0;
  }

  #heartbeat(): void {
    const now = Date.now();
    const { hub, heartbeatIntervalMs, heartbeatTimeoutMs } = this.#options;
    for (const session of hub.sessions) {
      if (session.pingSentAt !== undefined && now - session.pingSentAt >= heartbeatTimeoutMs) {
        hub.remove(session);
        session.socket.terminate();
        continue;
      }
      if (this.#tooOld(session, now)) {
        session.close(CLOSE_CODES.keepAliveRecycle, 'keep-alive recycle');
        continue;
      }
      if (session.pingSentAt === undefined && now - session.lastSeenAt >= heartbeatIntervalMs) {
        session.pingSentAt = now;
        session.socket.ping();
      }
    }
  }

  #tooOld(session: SocketSession<TSession>, now: number): boolean {
    const maxAge = this.#options.maxConnectionAgeMs;
    if (maxAge === undefined) return false;
    let deadline = this.#deadlines.get(session);
    if (deadline === undefined) {
      deadline = session.connectedAt + maxAge + Math.random() * (maxAge / 2);
      this.#deadlines.set(session, deadline);
    }
    return now >= deadline;
  }

  async #validate(
    validateSession: (session: TSession) => boolean | Promise<boolean>,
  ): Promise<void> {
    for (const session of [...this.#options.hub.sessions]) {
      let valid = false;
      try {
        valid = (await validateSession(session.session)) === true;
      } catch (error) {
        this.#options.onError(error);
      }
      if (!valid) session.close(CLOSE_CODES.sessionExpired, 'session expired');
    }
  }
}
