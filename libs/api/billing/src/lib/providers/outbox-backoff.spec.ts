import { FIRST_RETRY_MS, LONGEST_WAIT_MS, retryDelayMs } from './outbox-backoff';

describe('retryDelayMs', () => {
  it('doubles from 10 s, half fixed and half random', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, () => 0))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, () => 1))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(2, () => 0.5)).toBe(15_000);
  });

  it('never waits more than an hour, however many failures', () => {
    expect(retryDelayMs(40, () => 1)).toBe(LONGEST_WAIT_MS);
    expect(retryDelayMs(10_000, () => 0)).toBe(LONGEST_WAIT_MS / 2);
  });

  it('spreads entries that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(3)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2 * FIRST_RETRY_MS);
      expect(delay).toBeLessThanOrEqual(4 * FIRST_RETRY_MS);
    }
  });

  it('refuses a count that is not an attempt', () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5)).toThrow(RangeError);
  });
});
