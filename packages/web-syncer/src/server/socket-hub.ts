import type { OutboxEvent } from './outbox-event.js';
import type { SocketSession } from './socket-session.js';

/**
 * The open sessions of a process and an index channel → sessions, to fan a batch out to the
 * sessions concerned only. Sessions without per-session hooks that subscribe to the same
 * channels and are in step share one encoded frame. @internal
 */
export class SocketHub<TSession> {
  readonly sessions = new Set<SocketSession<TSession>>();
  readonly #byChannel = new Map<string, Set<SocketSession<TSession>>>();

  add(session: SocketSession<TSession>): void {
    this.sessions.add(session);
  }

  remove(session: SocketSession<TSession>): void {
    session.detach();
    this.sessions.delete(session);
  }

  /** Keep the index in step with a session's channels. */
  channelsChanged(
    session: SocketSession<TSession>,
    before: ReadonlySet<string>,
    after: ReadonlySet<string>,
  ): void {
    for (const channel of before) {
      if (after.has(channel)) continue;
      const set = this.#byChannel.get(channel);
      set?.delete(session);
      if (set?.size === 0) this.#byChannel.delete(channel);
    }
    for (const channel of after) {
      let set = this.#byChannel.get(channel);
      if (set === undefined) {
        set = new Set();
        this.#byChannel.set(channel, set);
      }
      set.add(session);
    }
  }

  /** Number of sessions subscribed to a channel. */
  subscribers(channel: string): number {
    return this.#byChannel.get(channel)?.size ?? 0;
  }

  /** Hand a batch (whole commits, in order) to every session subscribed to one of its channels. */
  publish(batch: readonly OutboxEvent[]): void {
    const targets = new Set<SocketSession<TSession>>();
    for (const event of batch) {
      for (const session of this.#byChannel.get(event.channel) ?? []) targets.add(session);
    }
    const shared = new Map<string, Buffer | null>();
    for (const session of targets) {
      if (!session.live || !session.sharesFrames || !session.isBefore(batch)) {
        session.receive(batch);
        continue;
      }
      let frame = shared.get(session.channelsKey);
      if (frame === undefined) {
        const text = session.frameFor(batch);
        frame = text === undefined ? null : Buffer.from(text);
        shared.set(session.channelsKey, frame);
      }
      if (frame === null) session.receive(batch, '');
      else session.receive(batch, frame);
    }
  }
}
