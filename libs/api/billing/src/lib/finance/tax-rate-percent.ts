import { badInput } from '@warbler/api/core';
import Decimal from 'decimal.js';

/** 0 to 100, at most four decimals: what tenants.tax_rate_percent (numeric(7,4), 0–100) holds. */
const TAX_RATE = /^(?:100(?:\.0{1,4})?|\d{1,2}(?:\.\d{1,4})?)$/;

/** The canonical text of a tax rate ("7.50" → "7.5"), null for none; BAD_USER_INPUT for anything else. */
export function parseTaxRatePercent(raw: string | null): string | null {
  if (raw === null) return null;
  if (!TAX_RATE.test(raw)) {
    throw badInput(
      `taxRatePercent must be a percentage from 0 to 100 with at most four decimals, got ${JSON.stringify(raw)}`,
      'INVALID_TAX_RATE',
    );
  }
  return new Decimal(raw).toFixed();
}
