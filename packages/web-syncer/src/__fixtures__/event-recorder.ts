import { Syncer } from '../client/syncer.js';
import type { SyncerConnectionOptions } from '../client/syncer-connection.js';
import type { SyncNotification } from '../protocol/notification.js';

/** A notification with the channel and cursor it came with. */
export interface Received {
  readonly channel: string;
  readonly cursor: string | null;
  readonly notification: SyncNotification;
}

/** A Syncer subscribed to some channels, recording what arrives in order. */
export interface Recorder {
  readonly syncer: Syncer;
  readonly received: Received[];
  /** `method:name` (or `method:#id` when the data has no name) of each notification, in order. */
  labels(): string[];
  close(): void;
}

/** Connect a recorder and wait until its subscription is acknowledged. */
export async function record(
  url: string,
  channels: readonly string[],
  options: SyncerConnectionOptions = {},
): Promise<Recorder> {
  const syncer = new Syncer({
    url,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200, jitterMs: 20 },
    ...options,
  });
  const received: Received[] = [];
  const connected = new Promise((resolve) => syncer.on('connect', resolve));
  for (const channel of channels) {
    syncer.subscribe(channel, (notification) =>
      received.push({ channel, cursor: syncer.cursor, notification }),
    );
  }
  await connected;
  return {
    syncer,
    received,
    labels: () =>
      received.map(
        ({ notification: [[, , id], payload] }) =>
          `${payload.method}:${labelOf(payload.data['name'], id)}`,
      ),
    close: () => syncer.close(),
  };
}

function labelOf(name: unknown, id: unknown): string {
  return typeof name === 'string' ? name : `#${String(id)}`;
}

/** A promise with its resolve function, to hold a transaction open. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
