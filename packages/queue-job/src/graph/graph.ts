import { DelayableError } from '../errors/delayable-error.js';

/**
 * A directed graph of jobs (queue_job's `delay.Graph`): vertices, edges `parent → child`,
 * root vertices, maximal paths and a topological order.
 */
export class Graph<T> {
  readonly #children = new Map<T, T[]>();
  readonly #parents = new Map<T, T[]>();

  /** Add a vertex (no-op when present). */
  addVertex(vertex: T): void {
    if (this.#children.has(vertex)) return;
    this.#children.set(vertex, []);
    this.#parents.set(vertex, []);
  }

  /** Add the edge `parent → child` (the child runs after the parent); adds missing vertices. */
  addEdge(parent: T, child: T): void {
    this.addVertex(parent);
    this.addVertex(child);
    const children = this.#children.get(parent) as T[];
    if (children.includes(child)) return;
    children.push(child);
    (this.#parents.get(child) as T[]).push(parent);
  }

  /** Every vertex, in insertion order. */
  vertices(): T[] {
    return [...this.#children.keys()];
  }

  /** Every edge as `[parent, child]`. */
  edges(): [T, T][] {
    return [...this.#children].flatMap(([parent, children]) =>
      children.map((child): [T, T] => [parent, child]),
    );
  }

  /** The children of a vertex. */
  childrenOf(vertex: T): readonly T[] {
    return this.#children.get(vertex) ?? [];
  }

  /** The parents of a vertex. */
  parentsOf(vertex: T): readonly T[] {
    return this.#parents.get(vertex) ?? [];
  }

  /** Vertices without parents. */
  rootVertices(): T[] {
    return this.vertices().filter((vertex) => this.parentsOf(vertex).length === 0);
  }

  /** Maximal cycle-free paths starting at `vertex`. */
  paths(vertex: T): T[][] {
    const out: T[][] = [];
    const walk = (current: T, path: T[]): void => {
      const next = this.childrenOf(current).filter((child) => !path.includes(child));
      if (next.length === 0) out.push(path);
      for (const child of next) walk(child, [...path, child]);
    };
    walk(vertex, [vertex]);
    return out;
  }

  /** Kahn's algorithm from the root vertices; {@link DelayableError} (`cycle`) when there is a cycle. */
  topologicalSort(): T[] {
    const pending = new Map(
      this.vertices().map((vertex) => [vertex, this.parentsOf(vertex).length]),
    );
    const ready = this.rootVertices();
    const order: T[] = [];
    for (let vertex = ready.shift(); vertex !== undefined; vertex = ready.shift()) {
      order.push(vertex);
      for (const child of this.childrenOf(vertex)) {
        const left = (pending.get(child) as number) - 1;
        pending.set(child, left);
        if (left === 0) ready.push(child);
      }
    }
    if (order.length !== pending.size)
      throw new DelayableError('cycle', 'The job graph has a cycle.');
    return order;
  }

  /** One `a → b → c` line per maximal path from each root. */
  toString(): string {
    return this.rootVertices()
      .flatMap((root) => this.paths(root))
      .map((path) => path.map(String).join(' → '))
      .join('\n');
  }
}
