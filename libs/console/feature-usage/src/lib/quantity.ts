const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal string from the API with the locale's grouping and decimal mark. The integer part
 * goes through BigInt and the fraction is copied digit by digit, so no precision is lost the
 * way it would be through a float.
 */
export function formatQuantity(value: string, locale?: string): string {
  const parts = DECIMAL.exec(value.trim());
  if (!parts) return value;
  const [, sign, whole, fraction = ''] = parts;
  const grouped = BigInt(whole).toLocaleString(locale);
  const digits = fraction.replace(/0+$/, '');
  return `${sign}${grouped}${digits ? decimalMark(locale) + digits : ''}`;
}

function decimalMark(locale?: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/**
 * An estimate (a projection) for reading, not reconciling: whole units from 100 up, two decimals
 * below, rounded half up on the decimal string itself.
 */
export function formatEstimate(value: string, locale?: string): string {
  const parts = DECIMAL.exec(value.trim());
  if (!parts) return value;
  const whole = parts[2];
  const places = whole.replace(/^0+/, '').length >= 3 ? 0 : 2;
  return formatQuantity(roundDecimal(value.trim(), places), locale);
}

function roundDecimal(value: string, places: number): string {
  const [, sign, whole, fraction = ''] = DECIMAL.exec(value) as RegExpExecArray;
  const padded = (fraction + '0'.repeat(places + 1)).slice(0, places + 1);
  const scaled = BigInt(whole + padded);
  const rounded = (scaled + 5n) / 10n;
  const digits = rounded.toString().padStart(places + 1, '0');
  const result = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return rounded === 0n ? result : `${sign}${result}`;
}
