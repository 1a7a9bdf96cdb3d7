import type Decimal from 'decimal.js';
import type { UsageTerms } from './invoice-composition';
import { PricingDecimal, roundToMinor } from './money';
import { type PricedCharge, priceUsage } from './usage-charges';

/**
 * What one metric's period quantity costs on its charge: the sum of the usage lines the invoice would
 * show for it, each rounded once, half-even. A level below zero (a MAX or LATEST metric) costs nothing.
 */
export function chargeSpendMinor(charge: PricedCharge, quantity: string | Decimal, currency: string): bigint {
  const units = PricingDecimal.max(0, new PricingDecimal(quantity));
  return priceUsage(charge, units).parts.reduce((sum, part) => sum + roundToMinor(part.amount, currency), 0n);
}

/**
 * A period's spend: its usage charges priced on the plan version from the period totals by metric
 * code, before any commitment, discount or tax — exactly the USAGE lines of the period's invoice.
 * Metrics without a total cost nothing.
 */
export function usageSpendMinor(terms: UsageTerms, totals: ReadonlyMap<string, string | Decimal>): bigint {
  return terms.charges.reduce((sum, charge) => {
    const quantity = totals.get(charge.metricCode);
    return quantity === undefined ? sum : sum + chargeSpendMinor(charge, quantity, terms.currency);
  }, 0n);
}
