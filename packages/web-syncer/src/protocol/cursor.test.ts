import { describe, expect, it } from 'vitest';
import { CursorError } from '../errors/cursor-error.js';
import { compareCursors, isCursor, parseCursor } from './cursor.js';

describe('cursors', () => {
  it('parses "<seq>" and "<seq>:<id>" and refuses anything else', () => {
    expect(parseCursor('12')).toEqual({ seq: '12', id: undefined });
    expect(parseCursor('12:345')).toEqual({ seq: '12', id: '345' });
    for (const bad of ['', '-1', '01', '1:0', '1:', ':1', 'a', '1.5', 12, null, '1'.repeat(21)]) {
      expect(isCursor(bad)).toBe(false);
      expect(() => parseCursor(bad)).toThrow(CursorError);
    }
  });

  it('orders by commit, then event; a whole commit after its events; beyond 2^53', () => {
    const sorted = [
      '2:9',
      '9:1',
      '9:20',
      '9',
      '10:1',
      '9007199254740993:1',
      '9007199254740993:2',
      '18446744073709551615',
    ];
    const shuffled = [...sorted].reverse();
    expect(shuffled.sort(compareCursors)).toEqual(sorted);
    expect(compareCursors('5', '5')).toBe(0);
  });
});
