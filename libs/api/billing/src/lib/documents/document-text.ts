import { formatMinor, minorUnitsOf } from '@warbler/shared/pricing';
import Decimal from 'decimal.js';

function grouped(plain: string): string {
  const [whole, fraction] = plain.split('.');
  const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}

/** An amount as documents print it: the currency's own decimals, thousands grouped ("1,234.56 USD", "500 JPY"). */
export function moneyText(minor: bigint, currency: string): string {
  return `${grouped(formatMinor(minor, currency))} ${currency}`;
}

/** A quantity or a unit price: thousands grouped, at least `minDecimals` decimals ("8" → "8.00"; "0.0004" stays). */
export function decimalText(value: string, minDecimals = 0): string {
  const decimal = new Decimal(value);
  return grouped(decimal.toFixed(Math.max(minDecimals, decimal.decimalPlaces())));
}

/** A unit price in the currency's major units, with at least its decimals. */
export function unitPriceText(value: string, currency: string): string {
  return decimalText(value, minorUnitsOf(currency));
}

/** Days as printed on documents: ISO dates in UTC, the time zone every period is cut in. */
export function dateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}
