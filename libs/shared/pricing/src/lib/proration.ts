import type Decimal from 'decimal.js';
import { PricingDecimal } from './money';
import type { BillingPeriod } from './periods';

/** How an instant splits a billing period, in whole seconds. */
export interface ProrationSeconds {
  periodSeconds: number;
  usedSeconds: number;
  remainingSeconds: number;
}

function wholeSeconds(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return Math.floor(ms / 1000);
}

/**
 * Splits the period at `at`. Every instant is floored to the second, so milliseconds never tip a
 * proration, and `at` is clamped into the period: a change before it starts uses none of it, one
 * after it ends leaves none of it.
 */
export function prorationSeconds(period: BillingPeriod, at: Date): ProrationSeconds {
  const start = wholeSeconds(period.start, 'period start');
  const end = wholeSeconds(period.end, 'period end');
  if (end <= start) {
    throw new RangeError(`a billing period must last at least one second (${start}s → ${end}s)`);
  }
  const split = Math.min(Math.max(wholeSeconds(at, 'at'), start), end);
  return { periodSeconds: end - start, usedSeconds: split - start, remainingSeconds: end - split };
}

/** The share of the period still ahead at `at` (20 days into 30 → 1/3, to 60 significant digits). */
export function remainingFraction(period: BillingPeriod, at: Date): Decimal {
  const { remainingSeconds, periodSeconds } = prorationSeconds(period, at);
  return new PricingDecimal(remainingSeconds).div(periodSeconds);
}

/** The share of the period already behind at `at`. */
export function usedFraction(period: BillingPeriod, at: Date): Decimal {
  const { usedSeconds, periodSeconds } = prorationSeconds(period, at);
  return new PricingDecimal(usedSeconds).div(periodSeconds);
}

/**
 * `amount` × the remaining fraction. It multiplies before it divides so that an amount of exactly half
 * a minor unit stays exact for half-even rounding: 1.65 × 1/30 is 0.055 → 0.06, where 1.65 × 0.0333…
 * (cut to 60 digits) is 0.05499… → 0.05.
 */
export function prorateRemaining(amount: Decimal, period: BillingPeriod, at: Date): Decimal {
  const { remainingSeconds, periodSeconds } = prorationSeconds(period, at);
  return new PricingDecimal(amount).times(remainingSeconds).div(periodSeconds);
}
