/** A delivery is retried for this long after its event; then it is FAILED. */
export const RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** The wait after the first failed attempt; it doubles with each failure after that. */
export const FIRST_RETRY_MS = 30_000;
/** However many failures, an endpoint is tried again at least this often. */
export const LONGEST_WAIT_MS = 6 * 60 * 60 * 1000;

/**
 * How long to wait after the `failures`-th failed attempt: 30 s, 1 min, 2 min … doubling up to 6 h,
 * with "equal jitter" (half of each step fixed, half random), so the deliveries that failed together
 * when an endpoint was down do not all come back at the same instant.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  if (!Number.isInteger(failures) || failures < 1) throw new RangeError(`failures must be ≥ 1, got ${failures}`);
  const step = Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 30));
  return Math.round(step / 2 + (step / 2) * random());
}
