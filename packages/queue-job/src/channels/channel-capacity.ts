import type { Channel } from './channel.js';
import type { ChannelTree } from './channel-tree.js';

/**
 * Free slots of the channel tree at one moment, computed from the running and failed jobs of every
 * worker (the database dispatcher's view of queue_job's channel manager): a job may start when every
 * channel on its path has room, is not paused by its throttle, and is not a sequential channel with
 * a failed job.
 */
export class ChannelCapacity {
  readonly #tree: ChannelTree;
  readonly #now: number;
  readonly #running = new Map<Channel, number>();
  readonly #failed = new Map<Channel, number>();
  readonly #pausedUntil = new Map<Channel, number>();

  /** `now` in epoch milliseconds. */
  constructor(tree: ChannelTree, now: number) {
    this.#tree = tree;
    this.#now = now;
  }

  /** The configured channel that governs jobs of this channel name (nearest configured ancestor). */
  channelOf(name: string | null): Channel {
    return this.#tree.get(name ?? 'root', { parentFallback: true });
  }

  /** Count running jobs of a channel name: they hold a slot on every channel of their path. */
  addRunning(name: string | null, count: number): void {
    for (const channel of this.channelOf(name).path())
      this.#running.set(channel, (this.#running.get(channel) ?? 0) + count);
  }

  /** Count failed jobs of a channel name (they block it when it is sequential). */
  addFailed(name: string | null, count: number): void {
    const channel = this.channelOf(name);
    this.#failed.set(channel, (this.#failed.get(channel) ?? 0) + count);
  }

  /** Record the last start of a throttled channel (epoch ms). */
  setLastStart(name: string, at: number): void {
    const channel = this.#tree.get(name, { parentFallback: true });
    if (channel.throttle !== undefined)
      this.#pausedUntil.set(channel, at + channel.throttle * 1000);
  }

  /** True when a job of `channel` cannot start now. */
  blocked(channel: Channel): boolean {
    return channel.path().some((node) => this.#blockedHere(node));
  }

  #blockedHere(node: Channel): boolean {
    if (!node.unlimited && (this.#running.get(node) ?? 0) >= (node.capacity ?? 0)) return true;
    if (node.sequential && (this.#failed.get(node) ?? 0) > 0) return true;
    return (this.#pausedUntil.get(node) ?? 0) > this.#now;
  }

  /** A job of `channel` starts now: take a slot on its path and pause throttled channels. Returns the throttled channels. */
  take(channel: Channel): Channel[] {
    const throttled: Channel[] = [];
    for (const node of channel.path()) {
      this.#running.set(node, (this.#running.get(node) ?? 0) + 1);
      if (node.throttle !== undefined) {
        this.#pausedUntil.set(node, this.#now + node.throttle * 1000);
        throttled.push(node);
      }
    }
    return throttled;
  }

  /** Of `names`, those whose jobs cannot start now. */
  closed(names: Iterable<string>): string[] {
    return [...names].filter((name) => this.blocked(this.channelOf(name)));
  }

  /** When a throttle pause ends on a channel that otherwise has room (epoch ms), if any. */
  throttleWakeup(): number | undefined {
    let wakeup: number | undefined;
    for (const [channel, until] of this.#pausedUntil) {
      if (until <= this.#now) continue;
      const full =
        !channel.unlimited && (this.#running.get(channel) ?? 0) >= (channel.capacity ?? 0);
      if (!full) wakeup = wakeup === undefined ? until : Math.min(wakeup, until);
    }
    return wakeup;
  }
}
