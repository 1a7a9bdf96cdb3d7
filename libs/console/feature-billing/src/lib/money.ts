import { formatMinor, minorUnitsOf } from '@warbler/shared/pricing';

/**
 * Integer minor units from the API ("-1250") as money in the reader's locale ("-$12.50", "¥1,200",
 * "KWD 1.005"). The digits come from the pricing library's formatter and Intl formats that decimal
 * text exactly (ES2023), so no amount ever passes through a float.
 */
export function formatMoney(minor: string, currency: string, locale?: string): string {
  const places = minorUnitsOf(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: places,
    maximumFractionDigits: places,
  });
  // TypeScript's signature predates decimal strings; the cast does not change the value.
  return format.format(formatMinor(BigInt(minor), currency) as unknown as number);
}

/** A decimal price in major units with all its decimals (at most 12) and at least the currency's: "$0.0004", "$8.00". */
export function formatPrice(major: string, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: minorUnitsOf(currency),
    maximumFractionDigits: 20,
  }).format(major as unknown as number);
}

/** A decimal quantity from the API ("1234567.5") grouped in the reader's locale, every digit kept. */
export function formatDecimal(decimal: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(decimal as unknown as number);
}

export type MajorAmountProblem = 'required' | 'notANumber' | 'tooPrecise' | 'notPositive';

export type MajorAmount = { ok: true; minor: string } | { ok: false; problem: MajorAmountProblem };

const AMOUNT = /^(\d+)(?:\.(\d*))?$/;

/**
 * An amount a person typed in major units ("12.5", "1,200.00") as integer minor units ("1250"),
 * refused when it is not a positive number or is finer than the currency's minor unit. Only
 * digits are moved, so the conversion is exact at any size.
 */
export function parseMajorAmount(typed: string, currency: string): MajorAmount {
  const text = typed.trim().replace(/[,\s]/g, '');
  if (text === '') return { ok: false, problem: 'required' };
  const parts = AMOUNT.exec(text);
  if (!parts) return { ok: false, problem: 'notANumber' };
  const places = minorUnitsOf(currency);
  const [, whole, fraction = ''] = parts;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > places) return { ok: false, problem: 'tooPrecise' };
  const minor = BigInt(whole + significant.padEnd(places, '0'));
  if (minor <= 0n) return { ok: false, problem: 'notPositive' };
  return { ok: true, minor: minor.toString() };
}

/** Minor units as the plain major-unit text a person would type back ("1250" USD → "12.50"). */
export function toMajorText(minor: string, currency: string): string {
  return formatMinor(BigInt(minor), currency);
}
