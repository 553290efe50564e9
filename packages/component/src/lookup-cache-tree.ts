import type { LookupEntry } from './component-selection.js';

type Level<TValue> = Map<string | undefined, TValue>;
type Tree = Level<Level<Level<LookupEntry>>>;

/**
 * The per-registry cache of lookups, keyed by (collection, usage, model) through nested maps, so
 * a hit allocates nothing. Bounded by two generations: when the current one holds `maxSize`
 * entries it becomes the previous one, and a hit in the previous generation is promoted. Memory
 * stays under `2 × maxSize` entries and recently used lookups survive (an LRU approximation
 * without reordering on every hit). A size of 0 disables caching.
 */
export class LookupCacheTree {
  readonly maxSize: number;
  #current: Tree = new Map();
  #previous: Tree = new Map();
  #size = 0;

  constructor(maxSize: number) {
    if (!Number.isInteger(maxSize) || maxSize < 0) {
      throw new RangeError(
        `Lookup cache size must be a non-negative integer, got ${String(maxSize)}`,
      );
    }
    this.maxSize = maxSize;
  }

  get(
    collection: string | undefined,
    usage: string | undefined,
    model: string | undefined,
  ): LookupEntry | undefined {
    const hit = this.#current.get(collection)?.get(usage)?.get(model);
    if (hit !== undefined) return hit;
    const old = this.#previous.get(collection)?.get(usage)?.get(model);
    if (old !== undefined) this.set(collection, usage, model, old);
    return old;
  }

  set(
    collection: string | undefined,
    usage: string | undefined,
    model: string | undefined,
    entry: LookupEntry,
  ): void {
    if (this.maxSize === 0) return;
    if (this.#size >= this.maxSize) {
      this.#previous = this.#current;
      this.#current = new Map();
      this.#size = 0;
    }
    let byUsage = this.#current.get(collection);
    if (byUsage === undefined)
      this.#current.set(collection, (byUsage = new Map<string | undefined, Level<LookupEntry>>()));
    let byModel = byUsage.get(usage);
    if (byModel === undefined)
      byUsage.set(usage, (byModel = new Map<string | undefined, LookupEntry>()));
    if (!byModel.has(model)) this.#size++;
    byModel.set(model, entry);
  }

  clear(): void {
    this.#current = new Map();
    this.#previous = new Map();
    this.#size = 0;
  }
}
