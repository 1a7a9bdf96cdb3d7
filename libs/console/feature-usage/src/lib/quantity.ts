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
