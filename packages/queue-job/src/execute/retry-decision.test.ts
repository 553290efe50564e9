import { describe, expect, it } from 'vitest';
import { FailedJobError } from '../errors/failed-job-error.js';
import { RetryPatternError } from '../errors/retry-pattern-error.js';
import { RetryableJobError } from '../errors/retryable-job-error.js';
import { parseRetryPattern, RETRY_INTERVAL, retryDelaySeconds } from '../jobs/retry-pattern.js';
import { decideRetry } from './retry-decision.js';

const at = (iso: string, seconds: number) =>
  new Date(new Date(iso).getTime() + seconds * 1000).toISOString();

describe('retry pattern (QJ-43…46)', () => {
  it('QJ-44: {1:60, 2:180, 3:10, 5:300} at 15:10:00 gives etas 15:11, 15:13, 15:10:10, 15:10:10, 15:15', () => {
    const pattern = parseRetryPattern({ 1: 60, 2: 180, 3: 10, 5: 300 });
    const now = '2024-01-01T15:10:00.000Z';
    expect([1, 2, 3, 4, 5].map((retry) => at(now, retryDelaySeconds(pattern, retry)))).toEqual([
      '2024-01-01T15:11:00.000Z',
      '2024-01-01T15:13:00.000Z',
      '2024-01-01T15:10:10.000Z',
      '2024-01-01T15:10:10.000Z',
      '2024-01-01T15:15:00.000Z',
    ]);
  });

  it('QJ-45: {3:180} uses 600 s before retry 3', () => {
    const pattern = parseRetryPattern({ 3: 180 });
    expect([1, 2, 3, 4].map((retry) => retryDelaySeconds(pattern, retry))).toEqual([
      600, 600, 180, 180,
    ]);
  });

  it('QJ-46: follows the code, not the README, and retry 0 falls back to 600 s', () => {
    const pattern = parseRetryPattern({ 1: 10, 5: 20, 10: 30, 15: 300 });
    expect(
      [0, 1, 4, 5, 9, 10, 14, 15, 40].map((retry) => retryDelaySeconds(pattern, retry)),
    ).toEqual([RETRY_INTERVAL, 10, 10, 20, 20, 30, 30, 300, 300]);
  });

  it('draws (min, max) ranges inclusively', () => {
    const pattern = parseRetryPattern({ 1: [10, 20] });
    expect(retryDelaySeconds(pattern, 1, () => 0)).toBe(10);
    expect(retryDelaySeconds(pattern, 1, () => 0.9999)).toBe(20);
    expect(retryDelaySeconds([], 3)).toBe(600);
  });

  it.each([{ a: 1 }, { 1: -1 }, { 1: 1.5 }, { 1: [5, 1] }, { 1: 'x' }, { '-1': 3 }])(
    'rejects %j',
    (input) => {
      expect(() => parseRetryPattern(input as never)).toThrow(RetryPatternError);
    },
  );
});

describe('decideRetry (QJ-41)', () => {
  const pattern = parseRetryPattern({ 1: 5 });

  it('with maxRetries 3: tries 1 and 2 postpone, try 3 fails with "Max. retries (3) reached"', () => {
    const error = new RetryableJobError('later');
    expect(decideRetry(error, { retry: 1, maxRetries: 3, pattern })).toMatchObject({
      kind: 'postpone',
      seconds: 5,
    });
    expect(decideRetry(error, { retry: 2, maxRetries: 3, pattern })).toMatchObject({
      kind: 'postpone',
    });
    const last = decideRetry(error, { retry: 3, maxRetries: 3, pattern });
    expect(last.kind).toBe('fail');
    expect(last.kind === 'fail' && last.error).toBeInstanceOf(FailedJobError);
    expect(last.kind === 'fail' && last.error.message).toBe('Max. retries (3) reached: later');
  });

  it('retries forever with maxRetries 0, and never counts ignored retries', () => {
    expect(
      decideRetry(new RetryableJobError('x'), { retry: 99, maxRetries: 0, pattern }),
    ).toMatchObject({ kind: 'postpone' });
    const ignored = decideRetry(new RetryableJobError('x', { ignoreRetry: true }), {
      retry: 1,
      maxRetries: 1,
      pattern,
    });
    expect(ignored).toMatchObject({ kind: 'postpone', ignoreRetry: true, seconds: RETRY_INTERVAL });
  });

  it("prefers the error's seconds over the pattern", () => {
    expect(
      decideRetry(new RetryableJobError('x', { seconds: 42 }), {
        retry: 1,
        maxRetries: 5,
        pattern,
      }),
    ).toMatchObject({ seconds: 42 });
  });
});
