import { describe, expect, it } from 'vitest';
import { skipIf } from './skip-if.js';

describe('skipIf as a standard method decorator (M1)', () => {
  class Listener {
    readonly calls: string[] = [];
    readonly blocked = 'blocked';

    @skipIf(function (this: Listener, name: string) {
      return name === this.blocked;
    })
    onThing(name: string, extra: number): void {
      this.calls.push(`${name}:${extra}`);
    }

    @skipIf((name: string) => name === 'skip')
    async onLater(name: string): Promise<void> {
      await Promise.resolve();
      this.calls.push(`later:${name}`);
    }
  }

  it('calls the method when the condition is falsy', () => {
    const listener = new Listener();
    listener.onThing('ok', 1);
    expect(listener.calls).toEqual(['ok:1']);
  });

  it('skips the method and returns undefined when the condition is truthy (cond sees this and the args)', () => {
    const listener = new Listener();
    expect(listener.onThing('blocked', 2)).toBeUndefined();
    expect(listener.calls).toEqual([]);
  });

  it('keeps async methods async: a skipped call still returns a promise', async () => {
    const listener = new Listener();
    const skipped = listener.onLater('skip');
    expect(skipped).toBeInstanceOf(Promise);
    await expect(skipped).resolves.toBeUndefined();
    await listener.onLater('run');
    expect(listener.calls).toEqual(['later:run']);
  });

  it('keeps the method name, so the event is still found by name', () => {
    expect(Object.getOwnPropertyNames(Listener.prototype)).toContain('onThing');
    expect(Listener.prototype.onThing.name).toBe('onThing');
  });
});

describe('skipIf as a wrapper', () => {
  it('returns a function that skips on a truthy condition and passes this and every argument', () => {
    const seen: unknown[][] = [];
    const target = { tag: 't' };
    const wrapped = skipIf(
      function (this: { tag: string }, a: number, b: number) {
        seen.push([this.tag, a, b]);
        return a > b;
      },
      function (this: { tag: string }, a: number, b: number) {
        return `${this.tag}${a + b}`;
      },
    );
    expect(wrapped.call(target, 1, 2)).toBe('t3');
    expect(wrapped.call(target, 5, 2)).toBeUndefined();
    expect(seen).toEqual([
      ['t', 1, 2],
      ['t', 5, 2],
    ]);
  });

  it('rejects a condition that returns a promise instead of always skipping', () => {
    const wrapped = skipIf(
      async () => Promise.resolve(false),
      () => 'ran',
    );
    expect(() => wrapped.call(undefined)).toThrow(TypeError);
  });

  it('rejects a condition that is not a function', () => {
    expect(() => skipIf('nope' as unknown as () => boolean)).toThrow(TypeError);
  });
});
