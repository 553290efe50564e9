import { ComponentBuildError } from './errors/component-build-error.js';

/**
 * C3 linearisation (as Python computes an MRO) of every component, from each one's ordered
 * direct parents. Throws `ComponentBuildError('inconsistent-hierarchy')` naming the components
 * on an inheritance cycle or with parents in contradictory orders.
 */
export function linearizeAll(
  parentsOf: ReadonlyMap<string, readonly string[]>,
): Map<string, readonly string[]> {
  const done = new Map<string, readonly string[]>();
  const visiting: string[] = [];

  const visit = (name: string): readonly string[] => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const at = visiting.indexOf(name);
    if (at !== -1) {
      const cycle = [...visiting.slice(at), name];
      throw new ComponentBuildError(
        'inconsistent-hierarchy',
        name,
        `Inheritance cycle between components: ${cycle.join(' -> ')}`,
      );
    }
    visiting.push(name);
    const parents = parentsOf.get(name) ?? [];
    const result = [name, ...merge(name, [...parents.map(visit), parents])];
    visiting.pop();
    done.set(name, Object.freeze(result));
    return result;
  };

  for (const name of parentsOf.keys()) visit(name);
  return done;
}

function merge(owner: string, sequences: readonly (readonly string[])[]): string[] {
  const lists = sequences.map((sequence) => [...sequence]).filter((list) => list.length > 0);
  const result: string[] = [];
  while (lists.length > 0) {
    const head = lists
      .map((list) => list[0] as string)
      .find((candidate) => lists.every((list) => list.indexOf(candidate) <= 0));
    if (head === undefined) {
      const heads = [...new Set(lists.map((list) => list[0] as string))];
      throw new ComponentBuildError(
        'inconsistent-hierarchy',
        owner,
        `Cannot linearise component '${owner}': its parents ${heads.map((h) => `'${h}'`).join(', ')} ` +
          'are inherited in contradictory orders',
      );
    }
    result.push(head);
    for (const list of lists) if (list[0] === head) list.shift();
    for (let i = lists.length - 1; i >= 0; i--) if (lists[i]?.length === 0) lists.splice(i, 1);
  }
  return result;
}
