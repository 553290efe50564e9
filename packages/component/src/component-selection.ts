import type { ComponentClass } from './component.js';
import { NoComponentError, type ComponentQueryDescription } from './errors/no-component-error.js';
import { SeveralComponentError } from './errors/several-component-error.js';
import type { ComponentQuery, WorkContext } from './work-context.js';

/**
 * A cached lookup result: the candidates in registry order (frozen), their specificity ranks and,
 * when no candidate filters itself dynamically, the precomputed choice of `component()`.
 */
export interface LookupEntry {
  readonly classes: readonly ComponentClass[];
  /** Per candidate: 2 if specific to the collection, +1 if specific to the model. */
  readonly ranks: readonly number[];
  /** True when some candidate overrides `componentMatch` (the choice depends on each call). */
  readonly dynamic: boolean;
  /** For static entries: the tied best candidates (one = the choice; none = no candidate). */
  readonly best: readonly ComponentClass[];
}

/** The most specific candidates (highest rank), in registry order. */
export function bestCandidates(
  classes: readonly ComponentClass[],
  ranks: readonly number[],
): ComponentClass[] {
  let top = -1;
  let winners: ComponentClass[] = [];
  classes.forEach((cls, i) => {
    const rank = ranks[i] ?? 0;
    if (rank > top) {
      top = rank;
      winners = [cls];
    } else if (rank === top) {
      winners.push(cls);
    }
  });
  return winners;
}

/** Pick the component `component()` returns, or throw No/SeveralComponentError. */
export function selectComponent(
  entry: LookupEntry,
  target: WorkContext,
  query: ComponentQuery,
  collection: string,
): ComponentClass {
  let best = entry.best;
  if (entry.dynamic) {
    const kept: ComponentClass[] = [];
    const ranks: number[] = [];
    entry.classes.forEach((cls, i) => {
      if (cls.componentMatch(target, query)) {
        kept.push(cls);
        ranks.push(entry.ranks[i] ?? 0);
      }
    });
    best = bestCandidates(kept, ranks);
  }
  if (best.length === 1) return best[0] as ComponentClass;
  const description: ComponentQueryDescription = {
    collection,
    usage: query.usage,
    modelName: target.modelName,
  };
  if (best.length === 0) {
    throw new NoComponentError(
      `No component found for collection '${String(description.collection)}', usage ` +
        `'${String(description.usage)}', model '${String(description.modelName)}'.`,
      description,
    );
  }
  throw new SeveralComponentError(
    description,
    best.map((cls) => cls.componentInfo.name),
  );
}
