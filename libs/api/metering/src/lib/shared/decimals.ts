import Decimal from 'decimal.js';

/** decimal(30, 12): 18 digits before the point, 12 after. */
export const MAX_FRACTION_DIGITS = 12;
const UPPER_BOUND = new Decimal('1e18');
// Plain decimal notation only: decimal.js would also read hexadecimal, binary and "Infinity".
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A stored quantity as decimal text without exponent notation, as the API answers numbers. */
export function decimalText(value: Decimal.Value): string {
  return new Decimal(value).toFixed();
}

/** The quantity if it fits a decimal(30, 12) column; null when it is not a finite number that does. */
export function storableQuantity(text: string): Decimal | null {
  if (!DECIMAL_TEXT.test(text)) return null;
  const value = new Decimal(text);
  if (value.decimalPlaces() > MAX_FRACTION_DIGITS || value.abs().gte(UPPER_BOUND)) return null;
  return value;
}

export { Decimal };
