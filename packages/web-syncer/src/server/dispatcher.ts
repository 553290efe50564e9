import { setTimeout as sleep } from 'node:timers/promises';
import { compareDecimal } from '../protocol/cursor.js';
import { decimalAtMost, incrementDecimal, maxDecimal } from './decimal.js';
import type { OutboxEvent } from './outbox-event.js';
import type { OutboxReader } from './outbox-reader.js';

/** Options of {@link Dispatcher}. @internal */
export interface DispatcherOptions {
  readonly reader: OutboxReader;
  /** Receives every batch of events, in commit order, each exactly once. */
  readonly onEvents: (events: readonly OutboxEvent[]) => void;
  readonly onError: (error: unknown) => void;
  /** Commits read per query. */
  readonly pageCommits: number;
  /** Writers are asked for a NOTIFY (false: pure polling). */
  readonly notify: boolean;
  /**
   * After a round that delivered something, read again after this long instead of asking
   * writers for a NOTIFY (0: ask as soon as a round finds nothing more).
   */
  readonly busyPollMs: number;
}

/** Counters for monitoring. */
export interface DispatcherStats {
  /** The last commit number delivered (every earlier one is delivered or known absent). */
  readonly delivered: string;
  readonly rounds: number;
  readonly events: number;
  /** Times the dispatcher waited for committing transactions (a missing number, or numbers taken before it armed the wake-up flag). */
  readonly gaps: number;
  /** Total time spent waiting for committing transactions while resolving gaps, in ms. */
  readonly holdBackMs: number;
}

/**
 * Reads the outbox in commit order, once per round for the whole process, and hands each event
 * over exactly once, gap-free.
 *
 * Commit numbers come from a sequence taken at commit (see the migration). A missing number
 * below a visible one is either a transaction still committing or one that rolled back after
 * taking it. Every transaction holds the shared "committing" lock from before it takes its
 * number until it ends, so: read the last number handed out (L), then wait until every
 * transaction holding the lock at that moment has ended. From then on every number ≤ L is
 * visible or will never be, and delivery continues in order. @internal
 */
export class Dispatcher {
  readonly #options: DispatcherOptions;
  #delivered = '0';
  #absentCutoff = '0';
  #running: Promise<void> | undefined;
  #dirty = false;
  #armed = false;
  #closed = false;
  #stats = { rounds: 0, events: 0, gaps: 0, holdBackMs: 0 };

  constructor(options: DispatcherOptions) {
    this.#options = options;
  }

  /** Start at the current settled head: every commit up to it is done (visible or absent). */
  async start(): Promise<void> {
    const settled = await this.#settle();
    this.#delivered = settled;
    this.#absentCutoff = settled;
  }

  /** The last commit delivered: a cursor covering everything up to it. */
  get delivered(): string {
    return this.#delivered;
  }

  /** Counters. */
  stats(): DispatcherStats {
    return { delivered: this.#delivered, ...this.#stats };
  }

  /**
   * Run rounds until nothing is left (a NOTIFY arrived, a poll tick, a reconnect). Calls made
   * while rounds run are folded into one more pass. Resolves when the pass is done.
   */
  wake(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#armed = false;
    if (this.#running !== undefined) {
      this.#dirty = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stop: later wakes do nothing; waits for the current round. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#running?.catch(() => undefined);
  }

  async #loop(): Promise<void> {
    try {
      for (;;) {
        this.#dirty = false;
        const before = this.#delivered;
        const more = await this.#round();
        if (this.#closed) return;
        if (more || this.#dirty) continue;
        if (!this.#options.notify || this.#armed) return;
        if (this.#delivered !== before && this.#options.busyPollMs > 0) {
          // Commits are flowing: read again shortly rather than arm. Arming costs writers a
          // NOTIFY and, with commits in flight (the usual case under load), a wait on the
          // committing lock's holders (pg_locks) before sleeping.
          await sleep(this.#options.busyPollMs);
          if (this.#closed) return;
          continue;
        }
        const again = await this.#arm();
        if (again || this.#dirty) continue;
        return;
      }
    } catch (error) {
      this.#options.onError(error);
    }
  }

  /**
   * Ask writers for a NOTIFY, then make sure no writer is left out: one that took its number
   * before the flag was set saw it down and will not notify, so every number handed out so far
   * must be delivered before sleeping (its transaction is committing: wait for it). Numbers
   * taken later belong to writers that see the flag, or to one that lowered it and notifies.
   * Resolves `true` when another round is needed.
   */
  async #arm(): Promise<boolean> {
    const { reader } = this.#options;
    // Set before the await: a NOTIFY arriving meanwhile (a writer lowered the flag) clears it.
    this.#armed = true;
    await reader.arm();
    const last = await reader.lastAssignedSeq();
    if (compareDecimal(last, this.#delivered) <= 0) return false;
    if (compareDecimal(last, this.#absentCutoff) > 0) await this.#resolveGap();
    return true;
  }

  /** One read and delivery; true when another round is needed at once. */
  async #round(): Promise<boolean> {
    this.#stats.rounds++;
    const { reader, pageCommits } = this.#options;
    const events = await reader.commitsAfter(this.#delivered, pageCommits);
    const { ready, gap, commits } = this.#inOrder(events);
    if (ready.length > 0) {
      this.#stats.events += ready.length;
      this.#options.onEvents(ready);
    }
    if (gap) {
      await this.#resolveGap();
      return true;
    }
    if (commits < pageCommits && decimalAtMost(this.#delivered, this.#absentCutoff)) {
      // Every number up to the cutoff that this read did not show is absent.
      this.#delivered = this.#absentCutoff;
    }
    return commits >= pageCommits;
  }

  /** The events deliverable in order from the read, and whether a gap stopped it. */
  #inOrder(events: readonly OutboxEvent[]): {
    ready: OutboxEvent[];
    gap: boolean;
    commits: number;
  } {
    const ready: OutboxEvent[] = [];
    let commits = 0;
    let index = 0;
    while (index < events.length) {
      const seq = (events[index] as OutboxEvent).seq;
      commits++;
      let next = incrementDecimal(this.#delivered);
      while (next !== seq && decimalAtMost(next, this.#absentCutoff)) next = incrementDecimal(next);
      if (next !== seq) return { ready, gap: true, commits };
      while (index < events.length && (events[index] as OutboxEvent).seq === seq)
        ready.push(events[index++] as OutboxEvent);
      this.#delivered = seq;
    }
    return { ready, gap: false, commits };
  }

  async #resolveGap(): Promise<void> {
    this.#stats.gaps++;
    const started = performance.now();
    const settled = await this.#settle();
    this.#absentCutoff = maxDecimal(this.#absentCutoff, settled);
    this.#stats.holdBackMs += performance.now() - started;
  }

  /**
   * The last number handed out, once every transaction that may hold a number up to it has
   * ended: transactions holding the committing lock now are waited for (polled, so writers are
   * never blocked by the dispatcher).
   */
  async #settle(): Promise<string> {
    const { reader } = this.#options;
    const last = await reader.lastAssignedSeq();
    let holders = new Set(await reader.committingTransactions());
    let delay = 1;
    while (holders.size > 0 && !this.#closed) {
      await sleep(delay);
      delay = Math.min(delay * 2, 50);
      const now = await reader.committingTransactions();
      holders = new Set(now.filter((vxid) => holders.has(vxid)));
    }
    return last;
  }
}
