/** A subscription made by `Syncer.subscribe`: the original `Callback`, with a safe `unsubscribe`. */
export interface SyncerSubscription<TNotification> {
  readonly channel: string;
  readonly callback: (notification: TNotification) => void;
  /** True once unsubscribed (or the Syncer closed). */
  readonly closed: boolean;
  /**
   * Stop this subscription, and only this one; calling it again does nothing. The channel is
   * released on the server when its last subscriber leaves.
   */
  unsubscribe(): void;
}
