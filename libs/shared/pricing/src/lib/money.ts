import Decimal from 'decimal.js';
import { minorUnitsOf } from './currencies';

/**
 * The Decimal all pricing arithmetic runs in. Sixty significant digits hold the product of two
 * Decimal(30, 12) columns exactly; a clone leaves the global configuration, which the console shares
 * with every other user of decimal.js, untouched.
 */
export const PricingDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

/** Rounds a major-unit amount half-even to the currency's minor unit: 0.125 USD → 12n, 0.135 USD → 14n. */
export function roundToMinor(major: Decimal, currency: string): bigint {
  const digits = minorUnitsOf(currency);
  const value = new PricingDecimal(major);
  if (!value.isFinite()) throw new RangeError(`cannot round ${value.toString()} to an amount of money`);
  // A fixed-point text with exactly `digits` decimals is the amount in minor units once its point is gone.
  return BigInt(value.toFixed(digits, PricingDecimal.ROUND_HALF_EVEN).replace('.', ''));
}

/** Plain decimal text with exactly the currency's decimals: 123456n USD → "1234.56", 500n JPY → "500". */
export function formatMinor(minor: bigint, currency: string): string {
  const digits = minorUnitsOf(currency);
  const sign = minor < 0n ? '-' : '';
  const text = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function minorToMajor(minor: bigint, currency: string): Decimal {
  return new PricingDecimal(formatMinor(minor, currency));
}
