import { DelayableError } from '../errors/delayable-error.js';
import { DelayableNode, type Leaf } from './delayable-node.js';
import type { Graph } from './graph.js';

/** Nodes that run one after the other: `chain(a, b, c)` is a → b → c. Made by {@link chain}. */
export class DelayableChain extends DelayableNode {
  readonly #members: readonly DelayableNode[];

  constructor(members: readonly DelayableNode[]) {
    super();
    if (members.length === 0)
      throw new DelayableError('empty', 'A chain needs at least one member.');
    for (const member of members) member.adopt(this);
    this.#members = members;
  }

  /** @internal */
  override heads(): Leaf[] {
    return (this.#members[0] as DelayableNode).heads();
  }

  /** @internal */
  override tails(): Leaf[] {
    return (this.#members[this.#members.length - 1] as DelayableNode).tails();
  }

  protected override connectInside(graph: Graph<Leaf>): void {
    this.#members.forEach((member, index) => {
      member.collect(graph);
      const next = this.#members[index + 1];
      if (next === undefined) return;
      for (const tail of member.tails()) for (const head of next.heads()) graph.addEdge(tail, head);
    });
  }
}

/** Nodes that run independently; `group(...).onDone(x)` starts x when all of them are done. Made by {@link group}. */
export class DelayableGroup extends DelayableNode {
  readonly #members: readonly DelayableNode[];

  constructor(members: readonly DelayableNode[]) {
    super();
    if (members.length === 0)
      throw new DelayableError('empty', 'A group needs at least one member.');
    for (const member of members) member.adopt(this);
    this.#members = members;
  }

  /** @internal */
  override heads(): Leaf[] {
    return this.#members.flatMap((member) => member.heads());
  }

  /** @internal */
  override tails(): Leaf[] {
    return this.#members.flatMap((member) => member.tails());
  }

  protected override connectInside(graph: Graph<Leaf>): void {
    for (const member of this.#members) member.collect(graph);
  }
}

/**
 * Jobs that run in sequence (queue_job's `chain`); members may be delayables, chains or groups.
 *
 * @example
 * ```ts
 * await jobs.delayGraph(chain(jobs.delayable(fetch, {}), group(jobs.delayable(a, {}), jobs.delayable(b, {}))));
 * ```
 */
export function chain(...members: DelayableNode[]): DelayableChain {
  return new DelayableChain(members);
}

/** Jobs that run in parallel (queue_job's `group`); members may be delayables, chains or groups. */
export function group(...members: DelayableNode[]): DelayableGroup {
  return new DelayableGroup(members);
}
