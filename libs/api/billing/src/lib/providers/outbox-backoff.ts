/** The wait before the second attempt; it doubles with each failure after that. */
export const FIRST_RETRY_MS = 10_000;
/** However many failures, an entry is tried again at least this often. */
export const LONGEST_WAIT_MS = 60 * 60 * 1000;

/**
 * How long to wait after the `attempts`-th failed attempt: exponential (10 s, 20 s, 40 s … capped at
 * an hour) with "equal jitter": half of the step is fixed, the other half random, so entries that
 * failed together (Stripe was down) do not all come back at the same instant.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be ≥ 1, got ${attempts}`);
  const step = Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.min(attempts - 1, 30));
  return Math.round(step / 2 + (step / 2) * random());
}
