import pg from 'pg';

/**
 * A dedicated connection that LISTENs on one channel and calls `onNotify` for each notification
 * (reconnecting after errors). @internal
 */
export class NotificationListener {
  readonly #connectionString: string;
  readonly #channel: string;
  readonly #onNotify: (payload: string) => void;
  readonly #onError: (error: unknown) => void;
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(options: {
    connectionString: string;
    channel: string;
    onNotify: (payload: string) => void;
    onError: (error: unknown) => void;
  }) {
    this.#connectionString = options.connectionString;
    this.#channel = options.channel;
    this.#onNotify = options.onNotify;
    this.#onError = options.onError;
  }

  /** Connect and listen. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#connectionString });
    client.on('notification', (message) => this.#onNotify(message.payload ?? ''));
    client.on('error', (error) => this.#reconnect(client, error));
    await client.connect();
    await client.query(`LISTEN "${this.#channel}"`);
    this.#client = client;
  }

  #reconnect(client: pg.Client, error: unknown): void {
    if (this.#closed || this.#client !== client) return;
    this.#onError(error);
    this.#client = undefined;
    client.end().catch(() => undefined);
    this.#retry = setTimeout(() => {
      this.start()
        .then(() => this.#onNotify(''))
        .catch((e: unknown) => this.#reconnect(client, e));
    }, 1000);
  }

  /** Stop listening and close the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}
