const RATE = /^(\d{1,3})(?:\.(\d{1,4}))?$/;

export type TaxRateInput = { ok: true; taxRatePercent: string | null } | { ok: false; problem: string };

/**
 * A tax rate typed as a percent ("20", "7.625"), or nothing for no tax, as the API takes it: 0 to 100
 * with at most four decimals.
 */
export function parseTaxRate(typed: string): TaxRateInput {
  const text = typed.trim().replace(/\s*%$/, '');
  if (text === '') return { ok: true, taxRatePercent: null };
  const parts = RATE.exec(text);
  if (!parts) return { ok: false, problem: 'Enter a percent like 20 or 7.625, with at most four decimals' };
  const [, whole, fraction = ''] = parts;
  if (Number(whole) > 100 || (Number(whole) === 100 && /[1-9]/.test(fraction))) {
    return { ok: false, problem: 'A tax rate is at most 100%' };
  }
  return { ok: true, taxRatePercent: text };
}

/** A stored rate ("20.0000") as a person writes it ("20"); trailing zeros say nothing. */
export function plainPercent(rate: string): string {
  return rate.includes('.') ? rate.replace(/\.?0+$/, '') : rate;
}
