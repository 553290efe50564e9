import { SyncerSubscriptionError } from '../errors/syncer-subscription-error.js';
import type { Cursor } from '../protocol/cursor.js';
import type { SyncNotification } from '../protocol/notification.js';
import { SyncerConnection, type SyncerConnectionOptions } from './syncer-connection.js';
import type { SyncerEventHandler, SyncerEventName } from './syncer-events.js';
import type { SyncerSubscription } from './syncer-subscription.js';
import type { ChannelNotification } from './typed-channels.js';

/** Options of {@link Syncer}: a connection of its own, or a shared `connection`. */
export type SyncerOptions = SyncerConnectionOptions & {
  /** Share this connection with other Syncers instead of opening one. */
  readonly connection?: SyncerConnection;
};

interface Entry {
  closed: boolean;
  stop: () => void;
}

/**
 * The web_syncer client: subscribe to `<db>:<model>` channels and receive every create, write
 * and unlink of the model's records as `[[db, model, id], payload]`, in commit order, once each,
 * across reconnections.
 *
 * @example
 * ```ts
 * const sync = new Syncer({ url: 'wss://app.example.com/web_syncer' });
 * const subscription = sync.subscribe(db + ':' + 'project.task', (notification) => {
 *   const id = notification[0][2];
 *   const payload = notification[1];
 *   switch (payload.method) { case 'write': ... case 'create': ... case 'unlink': ... }
 * });
 * sync.on('resync', ({ channels }) => reloadEverything(channels));
 * subscription.unsubscribe();
 * ```
 */
export class Syncer {
  /** The connection (own or shared). */
  readonly connection: SyncerConnection;
  readonly #ownsConnection: boolean;
  readonly #entries = new Set<Entry>();
  readonly #offs: (() => void)[] = [];
  #closed = false;

  constructor(options: SyncerOptions = {}) {
    this.#ownsConnection = options.connection === undefined;
    this.connection = options.connection ?? new SyncerConnection(options);
  }

  /** The cursor of the last event received (store it to resume in a later page). */
  get cursor(): Cursor | null {
    return this.connection.cursor;
  }

  /** True while connected and subscribed. */
  get connected(): boolean {
    return this.connection.connected;
  }

  /**
   * Call `callback` (with `thisArg` as `this`) for every notification of `channel`, after the
   * callbacks subscribed before it. Throws {@link SyncerSubscriptionError} when the callback is
   * not a function, the channel not `<db>:<model>`, or the Syncer closed.
   */
  subscribe<const TChannel extends string, TThis = undefined>(
    channel: TChannel,
    callback: (this: TThis, notification: ChannelNotification<TChannel>) => void,
    thisArg?: TThis,
  ): SyncerSubscription<ChannelNotification<TChannel>> {
    if (typeof callback !== 'function') throw new SyncerSubscriptionError('callback', channel);
    if (typeof channel !== 'string' || !/^.+:.+$/.test(channel))
      throw new SyncerSubscriptionError('channel', channel);
    if (this.#closed || this.connection.closed)
      throw new SyncerSubscriptionError('closed', channel);
    const bound = (notification: ChannelNotification<TChannel>): void =>
      callback.call(thisArg as TThis, notification);
    const entry: Entry = { closed: false, stop: () => undefined };
    entry.stop = this.connection.listen(channel, (event) =>
      bound(event.message as SyncNotification as ChannelNotification<TChannel>),
    );
    this.#entries.add(entry);
    return {
      channel,
      callback: bound,
      get closed() {
        return entry.closed;
      },
      unsubscribe: () => this.#release(entry),
    };
  }

  /** Listen to connection events (`connect`, `reconnect`, `disconnect`, `resync`, `denied`, `error`). */
  on<TName extends SyncerEventName>(name: TName, handler: SyncerEventHandler<TName>): () => void {
    const off = this.connection.on(name, handler);
    this.#offs.push(off);
    return off;
  }

  /** Drop every subscription of this Syncer, its event handlers, and its own connection. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const entry of [...this.#entries]) this.#release(entry);
    for (const off of this.#offs) off();
    if (this.#ownsConnection) this.connection.close();
  }

  #release(entry: Entry): void {
    if (entry.closed) return;
    entry.closed = true;
    this.#entries.delete(entry);
    entry.stop();
  }
}
