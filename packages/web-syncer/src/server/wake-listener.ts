import pg from 'pg';
import { OUTBOX } from '../schema/outbox-names.js';

/** Options of {@link WakeListener}. @internal */
export interface WakeListenerOptions {
  /** How to connect: a dedicated session connection (not through a transaction pooler). */
  readonly connection: pg.ClientConfig;
  /** A NOTIFY arrived (its payload: the commit number). */
  readonly onNotify: (payload: string) => void;
  /** LISTEN is in force, after the first connection and after every reconnection. */
  readonly onListening: () => void;
  /** A connection failed (it is retried). */
  readonly onError: (error: unknown) => void;
  /** Delay before reconnecting, in ms. @defaultValue 250, doubling up to 5000 */
  readonly reconnectDelayMs?: number;
}

/**
 * The one LISTEN connection of a server process. NOTIFY is only a wake-up: events are read from
 * the outbox, so a notification lost while reconnecting costs latency, not events
 * (`onListening` schedules a catch-up round). @internal
 */
export class WakeListener {
  readonly #options: WakeListenerOptions;
  #client: pg.Client | undefined;
  #closed = false;
  #delay: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: WakeListenerOptions) {
    this.#options = options;
    this.#delay = options.reconnectDelayMs ?? 250;
  }

  /** Connect and LISTEN; resolves once listening (rejects if the first attempt fails). */
  async start(): Promise<void> {
    await this.#connect();
  }

  /** True while the LISTEN connection is up. */
  get listening(): boolean {
    return this.#client !== undefined;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(this.#options.connection);
    client.on('notification', (message) => {
      if (message.channel === OUTBOX.notifyChannel) this.#options.onNotify(message.payload ?? '');
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, undefined));
    try {
      await client.connect();
      await client.query(`listen ${OUTBOX.notifyChannel}`);
    } catch (error) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#client = client;
    this.#delay = this.#options.reconnectDelayMs ?? 250;
    this.#options.onListening();
  }

  #lost(client: pg.Client, error: unknown): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (error !== undefined) this.#options.onError(error);
    this.#retry();
  }

  #retry(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#connect().catch((error: unknown) => {
        this.#options.onError(error);
        this.#delay = Math.min(this.#delay * 2, 5000);
        this.#retry();
      });
    }, this.#delay);
  }

  /** Stop listening and close the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    if (client === undefined) return;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }

  /** Drop the connection as if the network failed (tests of reconnection). @internal */
  simulateLoss(): void {
    const client = this.#client;
    if (client !== undefined) this.#lost(client, new Error('simulated connection loss'));
  }
}
