import Decimal from 'decimal.js';

/** Unit prices and quantities carry at most this many decimal places (the Prisma Decimal columns' scale). */
export const MAX_DECIMAL_PLACES = 12;

// Plain decimal notation with an optional exponent; decimal.js alone would also take hex, binary,
// "NaN" and "Infinity", none of which is a price.
const DECIMAL_SYNTAX = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export type DecimalParse = { ok: true; value: Decimal } | { ok: false; message: string };

export function parseTermsDecimal(raw: string): DecimalParse {
  const text = raw.trim();
  if (!DECIMAL_SYNTAX.test(text)) {
    return { ok: false, message: `${JSON.stringify(raw)} is not a decimal number` };
  }
  const value = new Decimal(text);
  if (!value.isFinite()) {
    return { ok: false, message: `${JSON.stringify(raw)} is not a finite number` };
  }
  if (value.decimalPlaces() > MAX_DECIMAL_PLACES) {
    return { ok: false, message: `${JSON.stringify(raw)} has more than ${MAX_DECIMAL_PLACES} decimal places` };
  }
  return { ok: true, value };
}

/** The canonical text of a valid terms decimal: no exponent, no trailing zeros ("1.50e1" → "15"). */
export function normalizeDecimal(raw: string): string {
  const parsed = parseTermsDecimal(raw);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.value.toFixed();
}
