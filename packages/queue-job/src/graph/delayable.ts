import type { Env } from '@bindery/model';
import { randomUUID } from 'node:crypto';
import { prepareJob, type EnqueuedJob, type PreparedJob } from '../engine/prepared-job.js';
import type { QueueRuntime } from '../engine/queue-runtime.js';
import { DelayableError } from '../errors/delayable-error.js';
import { JobOptionsError } from '../errors/job-options-error.js';
import { mustRunWithoutDelay } from '../execute/job-env.js';
import { DELAY_OPTION_KEYS, type DelayOptions } from '../jobs/delay-options.js';
import type { JobFunction } from '../jobs/job-definition.js';
import { Leaf } from './delayable-node.js';
import type { Graph } from './graph.js';

/** Stores a prepared graph (the enqueuer). @internal */
export interface GraphStore {
  readonly runtime: QueueRuntime;
  readonly env: Env;
  store(
    jobs: readonly PreparedJob[],
    edges: readonly (readonly [string, string])[],
    graphId: string | undefined,
  ): Promise<EnqueuedJob[]>;
}

const neverDelayed = new FinalizationRegistry<string>((name) => {
  console.warn(`[queue-job] Delayable ${name} was prepared but never delayed`);
});

/**
 * One job of a graph, prepared but not stored yet (queue_job's `Delayable`). Made by
 * `queue.for(env).delayable(fn, args)`; combine with `onDone`, {@link chain} and {@link group},
 * then call `delay()` on the top-most node. A delayable garbage-collected without being delayed
 * logs a warning.
 */
export class Delayable<TArgs = unknown> extends Leaf {
  readonly #store: GraphStore;
  readonly #fn: JobFunction<TArgs, unknown>;
  readonly #args: TArgs;
  #options: DelayOptions<TArgs>;
  readonly #token = {};

  /** @internal Use `queue.for(env).delayable(...)`. */
  constructor(
    store: GraphStore,
    fn: JobFunction<TArgs, unknown>,
    args: TArgs,
    options: DelayOptions<TArgs>,
  ) {
    super();
    this.#store = store;
    this.#fn = fn;
    this.#args = args;
    this.#options = { ...options };
    neverDelayed.register(this, fn.name, this.#token);
  }

  /** The job function. */
  get functionName(): string {
    return this.#fn.name;
  }

  /** Set enqueue options (merged with earlier ones); an unknown key throws {@link JobOptionsError}. */
  set(options: DelayOptions<TArgs>): this {
    for (const key of Object.keys(options)) {
      if (!DELAY_OPTION_KEYS.includes(key))
        throw new JobOptionsError(key, `no property '${key}' on a delayable`);
    }
    this.#options = { ...this.#options, ...options };
    return this;
  }

  /** @internal */
  override markDelayed(): void {
    super.markDelayed();
    neverDelayed.unregister(this.#token);
  }

  /** @internal */
  override async storeGraph(graph: Graph<Leaf>): Promise<EnqueuedJob[]> {
    const order = graph.topologicalSort();
    const graphId = order.length >= 2 ? randomUUID() : undefined;
    const prepared = new Map<Leaf, PreparedJob>();
    for (const leaf of order) {
      if (!(leaf instanceof Delayable) || leaf.#store.runtime !== this.#store.runtime) {
        throw new DelayableError(
          'two-graphs',
          'Every job of a graph must come from the same queue.',
        );
      }
      prepared.set(leaf, leaf.#prepare(graphId));
    }
    const edges = graph
      .edges()
      .map(
        ([parent, child]) =>
          [
            (prepared.get(parent) as PreparedJob).id,
            (prepared.get(child) as PreparedJob).id,
          ] as const,
      );
    // One vertex enqueued in no-delay mode runs the whole graph at once (QJ-28).
    const store =
      order
        .map((leaf) => (leaf as Delayable).#store)
        .find((s) => mustRunWithoutDelay(s.runtime, s.env)) ?? this.#store;
    return store.store([...prepared.values()], edges, graphId);
  }

  #prepare(graphId: string | undefined): PreparedJob {
    return prepareJob(this.#store.runtime, this.#store.env, {
      fn: this.#fn,
      args: this.#args,
      options: this.#options,
      graphId,
    });
  }

  override toString(): string {
    return `Delayable(${this.#fn.name})`;
  }
}
