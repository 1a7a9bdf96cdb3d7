import { minorUnitsOf } from '@warbler/shared/pricing';
import Decimal from 'decimal.js';

/** A major-unit amount typed by a person ("12.50") as the integer minor units the API stores ("1250"), or null. */
export function toMinorUnits(major: string, currency: string): string | null {
  const text = major.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const minor = new Decimal(text).times(new Decimal(10).pow(minorUnitsOf(currency)));
  return minor.isInteger() ? minor.toFixed(0) : null;
}

/** Stored minor units ("1250") as the major-unit amount people read and type ("12.50"). */
export function toMajorUnits(minor: string, currency: string): string {
  const places = minorUnitsOf(currency);
  return new Decimal(minor).div(new Decimal(10).pow(places)).toFixed(places);
}

/** A fee in minor units as money in the locale, e.g. "$12.50" or "¥1,200", without going through a float. */
export function formatMinor(minor: string, currency: string, locale?: string): string {
  const places = minorUnitsOf(currency);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: places });
  // Intl formats decimal strings exactly (ES2023); the cast is for TypeScript's older signature.
  return format.format(toMajorUnits(minor, currency) as unknown as number);
}
