import { parseChannel } from '../protocol/channel-name.js';
import type { ChannelDenial } from '../protocol/wire-frames.js';
import type { ChannelRequest } from './server-options.js';

/** Channels granted and refused for one subscribe. @internal */
export interface ChannelDecision {
  readonly allowed: readonly string[];
  readonly denied: readonly ChannelDenial[];
}

/**
 * Decides which channels a session gets: the channel must be `<this db>:<syncable model>`
 * (`unknown_channel`), then the app's `authorize` must say yes (`forbidden`). Without
 * `authorize` everything is forbidden (default deny). A throwing authorizer denies. @internal
 */
export class ChannelGate<TSession> {
  readonly #db: string;
  readonly #syncable: ReadonlySet<string>;
  readonly #authorize:
    | ((session: TSession, channel: ChannelRequest) => boolean | Promise<boolean>)
    | undefined;
  readonly #onError: (error: unknown) => void;

  constructor(
    db: string,
    syncable: Iterable<string>,
    authorize:
      | ((session: TSession, channel: ChannelRequest) => boolean | Promise<boolean>)
      | undefined,
    onError: (error: unknown) => void,
  ) {
    this.#db = db;
    this.#syncable = new Set(syncable);
    this.#authorize = authorize;
    this.#onError = onError;
  }

  async decide(session: TSession, channels: readonly string[]): Promise<ChannelDecision> {
    const allowed: string[] = [];
    const denied: ChannelDenial[] = [];
    const verdicts = await Promise.all(channels.map((channel) => this.#verdict(session, channel)));
    for (const [index, channel] of channels.entries()) {
      const verdict = verdicts[index];
      if (verdict === 'ok') allowed.push(channel);
      else if (verdict !== undefined) denied.push({ channel, code: verdict });
    }
    return { allowed, denied };
  }

  async #verdict(session: TSession, channel: string): Promise<'ok' | ChannelDenial['code']> {
    const parts = parseChannel(channel);
    if (parts === undefined || parts.db !== this.#db || !this.#syncable.has(parts.model))
      return 'unknown_channel';
    if (this.#authorize === undefined) return 'forbidden';
    try {
      return (await this.#authorize(session, { channel, db: parts.db, model: parts.model })) ===
        true
        ? 'ok'
        : 'forbidden';
    } catch (error) {
      this.#onError(error);
      return 'forbidden';
    }
  }
}
