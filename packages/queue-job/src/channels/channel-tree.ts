import { UnknownChannelError } from '../errors/unknown-channel-error.js';
import { ChannelConfigError } from '../errors/channel-config-error.js';
import { Channel } from './channel.js';
import { parseChannelConfig, type ChannelConfigEntry } from './channel-config.js';

/** Options of {@link ChannelTree.get}. */
export interface ChannelLookupOptions {
  /** Create the channel (and missing parents, unlimited) when it does not exist. */
  readonly autocreate?: boolean;
  /** Return the nearest existing ancestor when the channel does not exist. */
  readonly parentFallback?: boolean;
}

const KNOWN_KEYS = new Set(['name', 'capacity', 'sequential', 'throttle']);

/** The complete name of a channel: `sub` and `root.sub` both give `root.sub`; empty gives `root`. */
export function normalizeChannelName(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  if (trimmed === '' || trimmed === 'root') return 'root';
  return trimmed.startsWith('root.') ? trimmed : `root.${trimmed}`;
}

/**
 * The tree of channels with capacities (queue_job's channel manager configuration). A fresh tree
 * has `root` with capacity 1; {@link ChannelTree.configure} applies a configuration such as
 * `root:4,root.shop:2,root.shop.orders:1:sequential`.
 */
export class ChannelTree {
  /** The `root` channel. */
  readonly root = new Channel('root', undefined, 1);

  /** A tree configured from `text` (see {@link parseChannelConfig}). */
  static fromConfig(text: string | readonly ChannelConfigEntry[]): ChannelTree {
    const tree = new ChannelTree();
    tree.configure(typeof text === 'string' ? parseChannelConfig(text) : text);
    return tree;
  }

  /**
   * Create or update the configured channels. Parents that are not configured are created
   * unlimited. Unknown keys, and `sequential` with a capacity other than 1, are rejected
   * ({@link ChannelConfigError}).
   */
  configure(entries: readonly ChannelConfigEntry[]): void {
    for (const entry of entries) {
      for (const key of Object.keys(entry)) {
        if (!KNOWN_KEYS.has(key)) throw new ChannelConfigError(entry.name, `unknown key '${key}'`);
      }
      if (entry.sequential === true && entry.capacity !== 1) {
        throw new ChannelConfigError(entry.name, 'a sequential channel must have capacity 1');
      }
      const channel = this.get(entry.name, { autocreate: true });
      channel.capacity = entry.capacity;
      channel.sequential = entry.sequential === true;
      channel.throttle = entry.throttle;
    }
  }

  /**
   * The channel of a name (`undefined` gives `root`). Without options an unknown name throws
   * {@link UnknownChannelError}.
   */
  get(name: string | undefined, options: ChannelLookupOptions = {}): Channel {
    const parts = normalizeChannelName(name).split('.');
    let channel = this.root;
    for (const part of parts.slice(1)) {
      if (part === '') throw new ChannelConfigError(String(name), 'empty part in the channel name');
      const child = channel.children.get(part);
      if (child !== undefined) {
        channel = child;
      } else if (options.autocreate === true) {
        channel = new Channel(part, channel);
      } else if (options.parentFallback === true) {
        return channel;
      } else {
        throw new UnknownChannelError(normalizeChannelName(name));
      }
    }
    return channel;
  }

  /** True when the name is a channel of the tree. */
  has(name: string): boolean {
    try {
      this.get(name);
      return true;
    } catch {
      return false;
    }
  }

  /** Every channel, `root` first. */
  all(): Channel[] {
    return this.root.descendants();
  }
}
