/**
 * ISO 4217 minor-unit exponents of the currencies Warbler bills in. Amounts are stored as integer
 * minor units, so the exponent decides how a major-unit price is rounded into money.
 */
const MINOR_UNITS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  INR: 2,
  BRL: 2,
  SGD: 2,
  HKD: 2,
  MXN: 2,
  ZAR: 2,
} as const satisfies Record<string, number>;

export type SupportedCurrency = keyof typeof MINOR_UNITS;

export const SUPPORTED_CURRENCIES = Object.keys(MINOR_UNITS) as SupportedCurrency[];

export function isSupportedCurrency(currency: string): currency is SupportedCurrency {
  return Object.prototype.hasOwnProperty.call(MINOR_UNITS, currency);
}

/** The number of decimal places of the currency's minor unit (2 for USD, 0 for JPY, 3 for KWD). */
export function minorUnitsOf(currency: string): number {
  if (!isSupportedCurrency(currency)) {
    throw new RangeError(`unsupported currency ${JSON.stringify(currency)}`);
  }
  return MINOR_UNITS[currency];
}
