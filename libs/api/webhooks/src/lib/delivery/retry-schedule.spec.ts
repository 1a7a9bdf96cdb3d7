import { FIRST_RETRY_MS, LONGEST_WAIT_MS, RETRY_WINDOW_MS, retryDelayMs } from './retry-schedule';

describe('the retry schedule', () => {
  it('doubles from 30 s to 6 h, half of each step fixed and half random', () => {
    const lowest = (failures: number) => retryDelayMs(failures, () => 0);
    const highest = (failures: number) => retryDelayMs(failures, () => 1);
    // 30 s, 1, 2, 4, 8, 16, 32, 64, 128, 256 min, then capped at 6 h (21 600 s).
    expect(Array.from({ length: 12 }, (_, i) => highest(i + 1) / 1000)).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600, 21600,
    ]);
    expect(lowest(1)).toBe(FIRST_RETRY_MS / 2);
    expect(lowest(40)).toBe(LONGEST_WAIT_MS / 2);
  });

  it('retries about twenty times in the three days at the longest waits', () => {
    let elapsed = 0;
    let attempts = 1;
    while (elapsed + retryDelayMs(attempts, () => 1) <= RETRY_WINDOW_MS) {
      elapsed += retryDelayMs(attempts, () => 1);
      attempts += 1;
    }
    // 30 s + … + 256 min ≈ 8.5 h over 10 retries, then one every 6 h for the remaining ~63.5 h.
    expect(attempts).toBe(21);
  });

  it('refuses a failure count below one', () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError);
  });
});
