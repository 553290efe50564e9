import { compareKeys, type ChannelJob } from './channel-job.js';
import { PriorityQueue } from './priority-queue.js';

/**
 * The pending jobs of one channel: a ready queue and an eta queue. Jobs whose eta has passed move
 * to the ready queue and compete by priority. A sequential queue never overtakes a job whose eta
 * has not come: it waits while the head of the eta queue sorts before the head of the ready queue.
 */
export class ChannelQueue {
  readonly #ready = new PriorityQueue<ChannelJob>((a, b) => a.lessThan(b));
  readonly #eta = new PriorityQueue<ChannelJob>((a, b) => a.lessThan(b));
  /** True for a sequential channel's queue. */
  readonly sequential: boolean;

  constructor(options: { readonly sequential?: boolean } = {}) {
    this.sequential = options.sequential ?? false;
  }

  /** Number of queued jobs (ready and eta). */
  get length(): number {
    return this.#ready.length + this.#eta.length;
  }

  /** True when `job` is queued. */
  has(job: ChannelJob): boolean {
    return this.#ready.has(job) || this.#eta.has(job);
  }

  /** Queue a job (in the eta queue when it has an eta). */
  add(job: ChannelJob): void {
    if (job.eta !== undefined) this.#eta.add(job);
    else this.#ready.add(job);
  }

  /** Remove a job if queued. */
  remove(job: ChannelJob): void {
    this.#eta.remove(job);
    this.#ready.remove(job);
  }

  /** The eta of the first eta job, or `wakeup` if earlier (0: none). */
  getWakeupTime(wakeup = 0): number {
    const head = this.#eta.peek();
    if (head?.eta === undefined) return wakeup;
    return wakeup === 0 ? head.eta : Math.min(wakeup, head.eta);
  }

  /** The next job to run at `now`, or `undefined`. */
  pop(now: number): ChannelJob | undefined {
    for (
      let head = this.#eta.peek();
      head?.eta !== undefined && head.eta <= now;
      head = this.#eta.peek()
    ) {
      this.#eta.pop();
      head.eta = undefined;
      this.#ready.add(head);
    }
    const etaHead = this.#eta.peek();
    const readyHead = this.#ready.peek();
    if (this.sequential && etaHead !== undefined && readyHead !== undefined) {
      if (compareKeys(etaHead.sortingKeyIgnoringEta(), readyHead.sortingKeyIgnoringEta()) < 0)
        return undefined;
    }
    return this.#ready.pop();
  }
}
