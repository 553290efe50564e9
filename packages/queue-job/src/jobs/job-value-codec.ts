import { JobArgumentsError } from '../errors/job-arguments-error.js';

/** A JSON value, as stored in the job row. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * Teaches the job store a type that JSON cannot hold (queue_job's tagged JSON types). Stored as
 * `{ "_type": tag, "value": encode(value) }`.
 *
 * @example
 * ```ts
 * const moneyCodec: JobValueCodec<Money> = {
 *   tag: 'money', test: (v): v is Money => v instanceof Money,
 *   encode: (m) => m.toString(), decode: (json) => Money.parse(String(json)),
 * };
 * ```
 */
export interface JobValueCodec<T = unknown> {
  /** Unique tag stored with the value. */
  readonly tag: string;
  /** True for the values this codec stores. */
  test(value: unknown): value is T;
  /** The JSON form. */
  encode(value: T): JsonValue;
  /** Back from the JSON form. */
  decode(json: JsonValue): T;
}

/** Dates, stored as ISO strings (built in). */
export const dateCodec: JobValueCodec<Date> = {
  tag: 'date',
  test: (value): value is Date => value instanceof Date,
  encode: (value) => value.toISOString(),
  decode: (json) => new Date(typeof json === 'string' ? json : JSON.stringify(json)),
};

/** BigInts, stored as decimal strings. Not built in: pass it in the queue's `codecs`. */
export const bigintCodec: JobValueCodec<bigint> = {
  tag: 'bigint',
  test: (value): value is bigint => typeof value === 'bigint',
  encode: (value) => value.toString(),
  decode: (json) => BigInt(typeof json === 'string' ? json : JSON.stringify(json)),
};

const ESCAPE_TAG = 'object';
const TYPE_KEY = '_type';

/**
 * Encode a value for storage, frozen at this moment. Throws {@link JobArgumentsError} for
 * functions, symbols, cycles, non-finite numbers, BigInts or class instances without a codec.
 */
export function encodeJobValue(
  value: unknown,
  codecs: readonly JobValueCodec[],
  path = 'args',
): JsonValue {
  return encode(value, codecs, path, new Set());
}

function encode(
  value: unknown,
  codecs: readonly JobValueCodec[],
  path: string,
  stack: Set<object>,
): JsonValue {
  const codec = codecs.find((c) => c.test(value));
  if (codec !== undefined) return { [TYPE_KEY]: codec.tag, value: codec.encode(value) };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value))
        throw new JobArgumentsError(path, 'non-finite', `${value} is not a finite number`);
      return value;
    case 'bigint':
      throw new JobArgumentsError(path, 'bigint', 'a BigInt needs a codec (bigintCodec)');
    case 'function':
      throw new JobArgumentsError(path, 'function', 'functions cannot be stored');
    case 'symbol':
      throw new JobArgumentsError(path, 'symbol', 'symbols cannot be stored');
    case 'undefined':
      throw new JobArgumentsError(path, 'unsupported', 'undefined cannot be stored here');
    case 'object':
      return value === null ? null : encodeObject(value, codecs, path, stack);
  }
}

function encodeObject(
  value: object,
  codecs: readonly JobValueCodec[],
  path: string,
  stack: Set<object>,
): JsonValue {
  if (stack.has(value)) throw new JobArgumentsError(path, 'cycle', 'the value contains a cycle');
  stack.add(value);
  try {
    if (Array.isArray(value))
      return value.map((item: unknown, i) => encode(item, codecs, `${path}[${i}]`, stack));
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new JobArgumentsError(path, 'unsupported', `a ${kind} instance needs a codec`);
    }
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out[key] = encode(item, codecs, `${path}.${key}`, stack);
    }
    return TYPE_KEY in out ? { [TYPE_KEY]: ESCAPE_TAG, value: out } : out;
  } finally {
    stack.delete(value);
  }
}

/** Decode a stored value (the inverse of {@link encodeJobValue}); unknown tags are left as stored. */
export function decodeJobValue(json: JsonValue, codecs: readonly JobValueCodec[]): unknown {
  if (Array.isArray(json)) return json.map((item) => decodeJobValue(item, codecs));
  if (json === null || typeof json !== 'object') return json;
  const tag = json[TYPE_KEY];
  if (typeof tag === 'string' && 'value' in json && Object.keys(json).length === 2) {
    const inner = json['value'];
    if (tag === ESCAPE_TAG && inner !== null && typeof inner === 'object' && !Array.isArray(inner))
      return decodeEntries(inner, codecs);
    const codec = codecs.find((c) => c.tag === tag);
    if (codec !== undefined) return codec.decode(inner);
  }
  return decodeEntries(json, codecs);
}

function decodeEntries(
  json: { [key: string]: JsonValue },
  codecs: readonly JobValueCodec[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(json)) out[key] = decodeJobValue(item, codecs);
  return out;
}
