import { describe, expect, it } from 'vitest';
import type { LookupEntry } from './component-selection.js';
import { LookupCacheTree } from './lookup-cache-tree.js';

const entry = (label: string): LookupEntry =>
  ({ classes: [], ranks: [], dynamic: false, best: [], label }) as unknown as LookupEntry;

describe('LookupCacheTree', () => {
  it('keys by (collection, usage, model), telling undefined from empty strings', () => {
    const cache = new LookupCacheTree(10);
    const any = entry('any');
    const empty = entry('empty');
    cache.set(undefined, 'u', 'm', any);
    cache.set('', 'u', 'm', empty);
    expect(cache.get(undefined, 'u', 'm')).toBe(any);
    expect(cache.get('', 'u', 'm')).toBe(empty);
    expect(cache.get('c', 'u', 'm')).toBeUndefined();
  });

  it('keeps recently used entries across a generation change and forgets old ones', () => {
    const cache = new LookupCacheTree(2);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(entry) as [
      LookupEntry,
      LookupEntry,
      LookupEntry,
      LookupEntry,
    ];
    cache.set('a', undefined, undefined, a);
    cache.set('b', undefined, undefined, b);
    cache.set('c', undefined, undefined, c); // a, b become the previous generation
    expect(cache.get('a', undefined, undefined)).toBe(a); // promoted back into the current one
    cache.set('d', undefined, undefined, d); // c, a become previous; b is dropped
    expect(cache.get('b', undefined, undefined)).toBeUndefined();
    expect(cache.get('c', undefined, undefined)).toBe(c);
  });

  it('caches nothing with size 0 and rejects invalid sizes', () => {
    const cache = new LookupCacheTree(0);
    cache.set('a', 'u', 'm', entry('a'));
    expect(cache.get('a', 'u', 'm')).toBeUndefined();
    expect(() => new LookupCacheTree(-1)).toThrow(RangeError);
    expect(() => new LookupCacheTree(1.5)).toThrow(RangeError);
  });
});
