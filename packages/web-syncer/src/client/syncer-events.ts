import type { Cursor } from '../protocol/cursor.js';
import type { ChannelDenial } from '../protocol/wire-frames.js';

/** Events of a {@link SyncerConnection} (and of every `Syncer` on it), with their details. */
export interface SyncerEventMap {
  /** The first connection is up and the subscription acknowledged. */
  connect: { readonly cursor: Cursor | null };
  /** A later connection is up: missed events were caught up from the last cursor. */
  reconnect: { readonly cursor: Cursor | null; readonly attempts: number };
  /** The connection closed; `willReconnect` false after `close()` or a 4001 (session expired). */
  disconnect: { readonly code: number; readonly reason: string; readonly willReconnect: boolean };
  /** Events of these channels are gone (retention): refetch their data, the stream goes on from `cursor`. */
  resync: {
    readonly channels: readonly string[];
    readonly reason: string;
    readonly cursor: Cursor;
  };
  /** The server refused these channels. */
  denied: { readonly channels: readonly ChannelDenial[] };
  /** A callback threw, or the server answered with an error frame. */
  error: { readonly error: unknown };
}

/** An event name of {@link SyncerEventMap}. */
export type SyncerEventName = keyof SyncerEventMap;

/** A handler of event `TName`. */
export type SyncerEventHandler<TName extends SyncerEventName> = (
  details: SyncerEventMap[TName],
) => void;

type AnyHandler = (details: never) => void;

/** A tiny typed event emitter. @internal */
export class SyncerEmitter {
  readonly #handlers = new Map<SyncerEventName, Set<AnyHandler>>();

  on<TName extends SyncerEventName>(name: TName, handler: SyncerEventHandler<TName>): () => void {
    let set = this.#handlers.get(name);
    if (set === undefined) {
      set = new Set();
      this.#handlers.set(name, set);
    }
    const entry = handler as AnyHandler;
    set.add(entry);
    return () => void set.delete(entry);
  }

  /** True when someone listens to `name`. */
  has(name: SyncerEventName): boolean {
    return (this.#handlers.get(name)?.size ?? 0) > 0;
  }

  emit<TName extends SyncerEventName>(name: TName, details: SyncerEventMap[TName]): void {
    for (const handler of [...(this.#handlers.get(name) ?? [])]) {
      try {
        (handler as SyncerEventHandler<TName>)(details);
      } catch (error) {
        if (name !== 'error') this.emit('error', { error });
      }
    }
  }
}
