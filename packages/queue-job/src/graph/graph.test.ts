import { describe, expect, it } from 'vitest';
import { DelayableError } from '../errors/delayable-error.js';
import { Graph } from './graph.js';

describe('Graph (QJ-35)', () => {
  it('has vertices, edges, roots, paths and a topological order', () => {
    const g = new Graph<string>();
    g.addEdge('a', 'b');
    g.addEdge('b', 'c');
    g.addEdge('a', 'd');
    g.addVertex('e');
    expect(g.vertices()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(g.edges()).toEqual([
      ['a', 'b'],
      ['a', 'd'],
      ['b', 'c'],
    ]);
    expect(g.rootVertices()).toEqual(['a', 'e']);
    expect(g.paths('a')).toEqual([
      ['a', 'b', 'c'],
      ['a', 'd'],
    ]);
    const order = g.topologicalSort();
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('c'));
    expect(String(g)).toBe('a → b → c\na → d\ne');
  });

  it('detects cycles', () => {
    const g = new Graph<number>();
    g.addEdge(1, 2);
    g.addEdge(2, 1);
    expect(() => g.topologicalSort()).toThrow(DelayableError);
  });
});
