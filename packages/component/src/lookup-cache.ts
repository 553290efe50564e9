/**
 * A small least-recently-used map. A hit moves the entry to the most recent position; inserting
 * past `maxSize` evicts the oldest entry.
 */
export class LruCache<TKey, TValue> {
  readonly maxSize: number;
  readonly #entries = new Map<TKey, TValue>();

  constructor(maxSize: number) {
    if (!Number.isInteger(maxSize) || maxSize < 1) {
      throw new RangeError(`LRU cache size must be a positive integer, got ${String(maxSize)}`);
    }
    this.maxSize = maxSize;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: TKey): TValue | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: TKey, value: TValue): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.maxSize) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
