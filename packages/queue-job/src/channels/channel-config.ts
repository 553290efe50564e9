import { ChannelConfigError } from '../errors/channel-config-error.js';

/** One parsed entry of a channel configuration, e.g. `root.shop:2:throttle=5`. */
export interface ChannelConfigEntry {
  /** The channel name as written (`root.shop`, or `shop`, which means the same). */
  readonly name: string;
  /** Capacity; `1` when the entry gives none. `0` means unlimited. */
  readonly capacity: number;
  /** `true` when the entry has the `sequential` key. */
  readonly sequential?: boolean;
  /** Seconds between two starts, when the entry has `throttle=N`. */
  readonly throttle?: number;
  /** Other keys, kept as written (`key` alone is `true`). */
  readonly [key: string]: string | number | boolean | undefined;
}

/**
 * Split `text` on `separator` and trim every piece; empty pieces are kept.
 *
 * @example
 * ```ts
 * splitStrip('foo: bar baz\n: fred:', ':'); // ['foo', 'bar baz', 'fred', '']
 * ```
 */
export function splitStrip(text: string, separator: string | RegExp): string[] {
  return text.split(separator).map((piece) => piece.trim());
}

/**
 * Parse a channel configuration: entries `name(:capacity)?(:key(=value)?)*` separated by commas or
 * new lines; whitespace is trimmed and empty entries are dropped. Throws
 * {@link ChannelConfigError} for an empty name, a capacity that is not a non-negative integer, a
 * duplicate key or a throttle that is not a positive integer. Other keys are kept as written;
 * `ChannelTree.configure` rejects the ones it does not know.
 *
 * @example
 * ```ts
 * parseChannelConfig('root:4,root.shop:2,root.shop.orders:1:sequential');
 * ```
 */
export function parseChannelConfig(text: string): ChannelConfigEntry[] {
  const entries: ChannelConfigEntry[] = [];
  for (const item of splitStrip(text, /[,\n]/)) {
    if (item === '') continue;
    entries.push(parseEntry(item));
  }
  return entries;
}

function parseEntry(item: string): ChannelConfigEntry {
  const [name = '', capacityText, ...keys] = splitStrip(item, ':');
  if (name === '') throw new ChannelConfigError(item, 'the channel name is empty');
  const entry: Record<string, string | number | boolean> = {
    name,
    capacity: parseCapacity(item, capacityText),
  };
  for (const keyText of keys) {
    if (keyText === '') continue;
    const [key = '', ...rest] = splitStrip(keyText, '=');
    if (key === '') throw new ChannelConfigError(item, `empty key in '${keyText}'`);
    if (key in entry) throw new ChannelConfigError(item, `duplicate key '${key}'`);
    entry[key] = rest.length === 0 ? true : rest.join('=');
  }
  return checkKnownKeys(item, entry);
}

function parseCapacity(item: string, text: string | undefined): number {
  if (text === undefined || text === '') return 1;
  if (!/^\d+$/.test(text))
    throw new ChannelConfigError(item, `capacity '${text}' is not a non-negative integer`);
  return Number(text);
}

function checkKnownKeys(
  item: string,
  entry: Record<string, string | number | boolean>,
): ChannelConfigEntry {
  if ('sequential' in entry) {
    if (entry['sequential'] !== true)
      throw new ChannelConfigError(item, "'sequential' takes no value");
  }
  if ('throttle' in entry) {
    const value = entry['throttle'];
    if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) === 0) {
      throw new ChannelConfigError(item, "'throttle' must be a positive integer of seconds");
    }
    entry['throttle'] = Number(value);
  }
  return entry as ChannelConfigEntry;
}
