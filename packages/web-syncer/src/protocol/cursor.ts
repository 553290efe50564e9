import { CursorError } from '../errors/cursor-error.js';

/**
 * A position in the stream of notifications: `"<seq>:<id>"` is one event (commit `seq`, outbox
 * row `id`), `"<seq>"` is "after every event of commit `seq`" (what heads and acks carry).
 * Commit numbers follow commit order; both parts are decimal strings (they can exceed 2^53).
 * Treat cursors as opaque: store them and send them back.
 */
export type Cursor = string;

/** A parsed cursor: `id` is `undefined` for "the whole commit". */
export interface CursorParts {
  readonly seq: string;
  readonly id: string | undefined;
}

const CURSOR = /^(0|[1-9]\d{0,19})(?::([1-9]\d{0,19}))?$/;

/** True when `value` is a well-formed cursor. */
export function isCursor(value: unknown): value is Cursor {
  return typeof value === 'string' && CURSOR.test(value);
}

/** Split a cursor; throws {@link CursorError} when malformed. */
export function parseCursor(value: unknown): CursorParts {
  const match = typeof value === 'string' ? CURSOR.exec(value) : null;
  if (match === null) throw new CursorError(value);
  return { seq: match[1] as string, id: match[2] };
}

/** Compare two non-negative decimal integer strings without BigInt. */
export function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Order of two cursors: negative when `a` comes first. `"<seq>"` sorts after every
 * `"<seq>:<id>"` of the same commit.
 */
export function compareCursors(a: Cursor, b: Cursor): number {
  const left = parseCursor(a);
  const right = parseCursor(b);
  const bySeq = compareDecimal(left.seq, right.seq);
  if (bySeq !== 0) return bySeq;
  if (left.id === right.id) return 0;
  if (left.id === undefined) return 1;
  if (right.id === undefined) return -1;
  return compareDecimal(left.id, right.id);
}
