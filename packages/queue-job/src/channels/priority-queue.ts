/**
 * A binary-heap priority queue with removal by identity (removed items are skipped lazily).
 * Adding an item that is already queued does nothing.
 */
export class PriorityQueue<T> {
  readonly #heap: T[] = [];
  readonly #members = new Set<T>();
  readonly #removed = new Set<T>();
  readonly #less: (a: T, b: T) => boolean;

  constructor(less: (a: T, b: T) => boolean) {
    this.#less = less;
  }

  /** Number of queued items. */
  get length(): number {
    return this.#members.size;
  }

  /** True when `item` is queued. */
  has(item: T): boolean {
    return this.#members.has(item);
  }

  /** Queue `item` (no-op when already queued). */
  add(item: T): void {
    if (this.#members.has(item)) return;
    this.#members.add(item);
    if (this.#removed.delete(item)) return;
    this.#heap.push(item);
    this.#up(this.#heap.length - 1);
  }

  /** Remove `item` if queued. */
  remove(item: T): void {
    if (!this.#members.delete(item)) return;
    this.#removed.add(item);
  }

  /** The smallest item without removing it. */
  peek(): T | undefined {
    this.#dropRemoved();
    return this.#heap[0];
  }

  /** Remove and return the smallest item. */
  pop(): T | undefined {
    this.#dropRemoved();
    const top = this.#take();
    if (top !== undefined) this.#members.delete(top);
    return top;
  }

  #dropRemoved(): void {
    while (this.#heap.length > 0 && this.#removed.has(this.#heap[0] as T)) {
      this.#removed.delete(this.#take() as T);
    }
  }

  #take(): T | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      this.#down(0);
    }
    return top;
  }

  #up(index: number): void {
    const heap = this.#heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#less(heap[index] as T, heap[parent] as T)) return;
      [heap[index], heap[parent]] = [heap[parent] as T, heap[index] as T];
      index = parent;
    }
  }

  #down(index: number): void {
    const heap = this.#heap;
    for (;;) {
      let smallest = index;
      for (const child of [2 * index + 1, 2 * index + 2]) {
        if (child < heap.length && this.#less(heap[child] as T, heap[smallest] as T))
          smallest = child;
      }
      if (smallest === index) return;
      [heap[index], heap[smallest]] = [heap[smallest] as T, heap[index] as T];
      index = smallest;
    }
  }
}
