import type { JobState } from '../jobs/job-state.js';
import { ChannelJob, type ChannelJobFields } from './channel-job.js';
import { ChannelQueue } from './channel-queue.js';
import type { Channel } from './channel.js';
import { ChannelTree } from './channel-tree.js';

/** A job notification: where it is and its state (queue_job's `ChannelManager.notify`). */
export interface ChannelNotification extends ChannelJobFields {
  readonly channel: string;
  readonly state: JobState | undefined;
}

/** Runtime state of one channel: its queue, running and failed jobs, and the throttle pause. */
class ChannelRuntime {
  readonly queue: ChannelQueue;
  readonly running = new Set<ChannelJob>();
  readonly failed = new Set<ChannelJob>();
  pauseUntil = 0;

  constructor(
    readonly channel: Channel,
    readonly parent: ChannelRuntime | undefined,
    readonly children: ChannelRuntime[],
  ) {
    this.queue = new ChannelQueue({ sequential: channel.sequential });
  }

  hasCapacity(): boolean {
    if (this.channel.sequential && this.failed.size > 0) return false;
    return this.channel.unlimited || this.running.size < (this.channel.capacity ?? 0);
  }

  remove(job: ChannelJob): void {
    this.queue.remove(job);
    this.running.delete(job);
    this.failed.delete(job);
    this.parent?.remove(job);
  }

  setPending(job: ChannelJob): void {
    if (this.queue.has(job)) return;
    this.queue.add(job);
    this.running.delete(job);
    this.failed.delete(job);
    this.parent?.remove(job);
  }

  setRunning(job: ChannelJob): void {
    if (this.running.has(job)) return;
    this.queue.remove(job);
    this.running.add(job);
    this.failed.delete(job);
    this.parent?.setRunning(job);
  }

  setFailed(job: ChannelJob): void {
    if (this.failed.has(job)) return;
    this.queue.remove(job);
    this.running.delete(job);
    this.failed.add(job);
    this.parent?.remove(job);
  }

  jobsToRun(now: number): ChannelJob[] {
    for (const child of this.children) for (const job of child.jobsToRun(now)) this.queue.add(job);
    if (this.channel.throttle !== undefined && this.pauseUntil !== 0) {
      if (now < this.pauseUntil) return [];
      this.pauseUntil = 0;
    }
    const out: ChannelJob[] = [];
    while (this.hasCapacity()) {
      const job = this.queue.pop(now);
      if (job === undefined) break;
      this.running.add(job);
      out.push(job);
      if (this.channel.throttle !== undefined) {
        this.pauseUntil = now + this.channel.throttle;
        break;
      }
    }
    return out;
  }

  wakeupTime(wakeup: number): number {
    if (!this.hasCapacity()) return wakeup;
    if (this.pauseUntil !== 0)
      return wakeup === 0 ? this.pauseUntil : Math.min(wakeup, this.pauseUntil);
    let result = this.queue.getWakeupTime(wakeup);
    for (const child of this.children) result = child.wakeupTime(result);
    return result;
  }
}

/**
 * In-memory channel dispatcher with queue_job's exact semantics (hierarchical capacities, eta,
 * sequential channels, throttle). It is the reference the database dispatcher follows, and it
 * runs queue_job's channel doctests. Jobs are fed with {@link ChannelManager.notify}; times are
 * plain numbers.
 *
 * @example
 * ```ts
 * const cm = new ChannelManager('root:4,A:4,B:1');
 * cm.notify({ channel: 'A', uuid: 'A1', seq: 1, dateCreated: 0, priority: 10, state: 'pending' });
 * cm.getJobsToRun(100).map((job) => job.uuid); // ['A1']
 * ```
 */
export class ChannelManager {
  /** The configured channels. */
  readonly tree: ChannelTree;
  readonly #runtimes = new Map<Channel, ChannelRuntime>();
  readonly #jobs = new Map<string, { job: ChannelJob; runtime: ChannelRuntime }>();

  constructor(config: string | ChannelTree = 'root:1') {
    this.tree = typeof config === 'string' ? ChannelTree.fromConfig(config) : config;
  }

  /** Apply a job's new state (and properties: a change of seq, priority, eta or channel requeues it). */
  notify(notification: ChannelNotification): void {
    const runtime = this.#runtime(this.tree.get(notification.channel, { parentFallback: true }));
    let entry = this.#jobs.get(notification.uuid);
    if (entry !== undefined && changed(entry.job, entry.runtime, notification, runtime)) {
      this.removeJob(notification.uuid);
      entry = undefined;
    }
    if (entry === undefined) {
      entry = { job: new ChannelJob(notification), runtime };
      this.#jobs.set(notification.uuid, entry);
    }
    const { job } = entry;
    switch (notification.state) {
      case undefined:
      case 'done':
      case 'cancelled':
        entry.runtime.remove(job);
        break;
      case 'pending':
        entry.runtime.setPending(job);
        break;
      case 'started':
        entry.runtime.setRunning(job);
        break;
      case 'failed':
        entry.runtime.setFailed(job);
        break;
      case 'wait_dependencies':
        break;
    }
  }

  /** Forget a job. */
  removeJob(uuid: string): void {
    const entry = this.#jobs.get(uuid);
    if (entry === undefined) return;
    entry.runtime.remove(entry.job);
    this.#jobs.delete(uuid);
  }

  /** The jobs to start at `now`, marked running. */
  getJobsToRun(now: number): ChannelJob[] {
    return this.#runtime(this.tree.root).jobsToRun(now);
  }

  /** When to look again (0: only on the next notification). */
  getWakeupTime(): number {
    return this.#runtime(this.tree.root).wakeupTime(0);
  }

  #runtime(channel: Channel): ChannelRuntime {
    let runtime = this.#runtimes.get(channel);
    if (runtime === undefined) {
      const parent = channel.parent === undefined ? undefined : this.#runtime(channel.parent);
      runtime = new ChannelRuntime(channel, parent, []);
      parent?.children.push(runtime);
      this.#runtimes.set(channel, runtime);
    }
    return runtime;
  }
}

function changed(
  job: ChannelJob,
  runtime: ChannelRuntime,
  next: ChannelNotification,
  nextRuntime: ChannelRuntime,
): boolean {
  const eta = next.eta === 0 ? undefined : next.eta;
  return (
    job.seq !== next.seq ||
    job.priority !== next.priority ||
    job.eta !== eta ||
    runtime !== nextRuntime
  );
}
