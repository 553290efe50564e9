import { describe, expect, it } from 'vitest';
import { ReconnectPolicy } from './reconnect-policy.js';

describe('ReconnectPolicy', () => {
  it('starts with a random delay below initialDelayMs, then grows by the factor up to the cap, plus jitter', () => {
    const policy = new ReconnectPolicy(
      { initialDelayMs: 1000, factor: 2, maxDelayMs: 5000, jitterMs: 100 },
      () => 0.5,
    );
    const delays = Array.from({ length: 6 }, () => policy.next());
    expect(delays).toEqual([500, 1050, 2050, 4050, 5050, 5050]);
    expect(policy.attempts).toBe(6);
    policy.reset();
    expect(policy.next()).toBe(500);
  });

  it('uses the defaults: first delay within 1 s, later ones at most 60 s + 1 s', () => {
    const low = new ReconnectPolicy({}, () => 0);
    const high = new ReconnectPolicy({}, () => 0.999);
    expect(low.next()).toBe(0);
    expect(high.next()).toBeLessThan(1000);
    for (let i = 0; i < 40; i++) high.next();
    expect(high.next()).toBeLessThanOrEqual(61_000);
    expect(high.next()).toBeGreaterThan(59_000);
  });
});
