import { formatDecimal } from '../money';
import type { TotalRow } from './money-totals';

interface Taxed {
  subtotalMinor: string;
  taxMinor: string;
  totalMinor: string;
  taxRatePercent: string | null;
}

/** Subtotal, tax (at its rate when there is one) and total; `name` prefixes their test ids, e.g. "invoice". */
export function taxedTotals(amounts: Taxed, name: string, locale?: string): TotalRow[] {
  const rate = amounts.taxRatePercent;
  return [
    { label: 'Subtotal', minor: amounts.subtotalMinor, testId: `${name}-subtotal` },
    {
      label: rate === null ? 'Tax' : `Tax (${formatDecimal(rate, locale)}%)`,
      minor: amounts.taxMinor,
      testId: `${name}-tax`,
    },
    { label: 'Total', minor: amounts.totalMinor, emphasis: true, testId: `${name}-total` },
  ];
}
