import type { EnqueuedJob } from '../engine/prepared-job.js';
import { DelayableError } from '../errors/delayable-error.js';
import { Graph } from './graph.js';

/**
 * Common base of delayables, chains and groups: `onDone` children, the enclosing node, and the
 * graph they form. @internal
 */
export abstract class DelayableNode {
  /** Nodes that start when this one is done. */
  readonly #onDone: DelayableNode[] = [];
  #container: DelayableNode | undefined;

  /** The vertices that start this node. @internal */
  abstract heads(): Leaf[];
  /** The vertices whose end ends this node. @internal */
  abstract tails(): Leaf[];
  /** Add own internal edges and vertices, recursing into members. @internal */
  protected abstract connectInside(graph: Graph<Leaf>): void;

  /**
   * `children` start when this node is done (each of them depends on every tail of this node).
   * Returns `this` for chaining.
   */
  onDone(...children: DelayableNode[]): this {
    for (const child of children) {
      child.adopt(this);
      this.#onDone.push(child);
    }
    return this;
  }

  /** @internal Record that `container` holds this node (it must then be delayed through it). */
  adopt(container: DelayableNode): void {
    if (this.#container !== undefined && this.#container !== container) {
      throw new DelayableError('two-graphs', 'A delayable can belong to one graph only.');
    }
    this.#container = container;
  }

  /** @internal Throw unless this node is the top-most of its graph. */
  assertTopMost(): void {
    if (this.#container !== undefined) {
      throw new DelayableError(
        'not-top-most',
        'Call delay() on the top-most chain, group or delayable of the graph.',
      );
    }
  }

  /**
   * Store the whole graph in the env's transaction (queue_job's `delay()`): one graph id shared by
   * its jobs, edges as pg-boss dependencies. Call it on the top-most node only, once. Returns the
   * jobs in a topological order.
   */
  async delay(): Promise<EnqueuedJob[]> {
    this.assertTopMost();
    const graph = this.collect();
    const leaves = graph.vertices();
    const first = leaves[0];
    if (first === undefined) throw new DelayableError('empty', 'Nothing to delay.');
    for (const leaf of leaves) leaf.assertNotDelayed();
    graph.topologicalSort();
    for (const leaf of leaves) leaf.markDelayed();
    return first.storeGraph(graph);
  }

  /** @internal The whole graph below this node. */
  collect(graph: Graph<Leaf> = new Graph<Leaf>()): Graph<Leaf> {
    this.connectInside(graph);
    for (const child of this.#onDone) {
      child.collect(graph);
      for (const tail of this.tails()) for (const head of child.heads()) graph.addEdge(tail, head);
    }
    return graph;
  }
}

/** A single job of a graph (implemented by `Delayable`). @internal */
export abstract class Leaf extends DelayableNode {
  #delayed = false;

  /** True once the graph holding this job was delayed. */
  get delayed(): boolean {
    return this.#delayed;
  }

  /** @internal Store `graph`, which holds this leaf. */
  abstract storeGraph(graph: Graph<Leaf>): Promise<EnqueuedJob[]>;

  /** @internal */
  assertNotDelayed(): void {
    if (this.#delayed) {
      throw new DelayableError(
        'already-delayed',
        'This job was already delayed; edges to stored jobs are not supported.',
      );
    }
  }

  /** @internal */
  markDelayed(): void {
    this.#delayed = true;
  }

  override heads(): Leaf[] {
    return [this];
  }

  override tails(): Leaf[] {
    return [this];
  }

  protected override connectInside(graph: Graph<Leaf>): void {
    graph.addVertex(this);
  }
}
