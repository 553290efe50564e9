/** How the client waits before reconnecting. Every field has a default. */
export interface ReconnectOptions {
  /** The first delay is random between 0 and this. @defaultValue 1000 (ms) */
  readonly initialDelayMs?: number;
  /** Each later delay is the previous one times this. @defaultValue 1.5 */
  readonly factor?: number;
  /** Delays stop growing here. @defaultValue 60000 (ms) */
  readonly maxDelayMs?: number;
  /** Random extra added to every delay after the first. @defaultValue 1000 (ms) */
  readonly jitterMs?: number;
}

/**
 * Reconnection delays: random first delay, then ×factor up to a cap, plus jitter (Odoo's
 * schedule, scaled down); `reset()` after a successful connection. @internal
 */
export class ReconnectPolicy {
  readonly #initial: number;
  readonly #factor: number;
  readonly #max: number;
  readonly #jitter: number;
  readonly #random: () => number;
  #attempt = 0;
  #last = 0;

  constructor(options: ReconnectOptions = {}, random: () => number = Math.random) {
    this.#initial = options.initialDelayMs ?? 1000;
    this.#factor = options.factor ?? 1.5;
    this.#max = options.maxDelayMs ?? 60_000;
    this.#jitter = options.jitterMs ?? 1000;
    this.#random = random;
  }

  /** The delay before the next attempt, in ms. */
  next(): number {
    this.#attempt++;
    if (this.#attempt === 1) {
      this.#last = this.#random() * this.#initial;
      return this.#last;
    }
    this.#last = Math.min(this.#max, Math.max(this.#last, this.#initial / 2) * this.#factor);
    return this.#last + this.#random() * this.#jitter;
  }

  /** Start over (the connection works again). */
  reset(): void {
    this.#attempt = 0;
    this.#last = 0;
  }

  /** Attempts since the last reset. */
  get attempts(): number {
    return this.#attempt;
  }
}
