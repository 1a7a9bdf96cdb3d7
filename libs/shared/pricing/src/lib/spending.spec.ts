import type { UsageTerms } from './invoice-composition';
import { chargeSpendMinor, usageSpendMinor } from './spending';
import type { PricedCharge } from './usage-charges';

const graduated: PricedCharge = {
  metricCode: 'ai_tokens',
  model: 'GRADUATED',
  includedUnits: '1000',
  tiers: [
    { upTo: '10000', unitPrice: '0.002', flatFee: '0' },
    { upTo: null, unitPrice: '0.001', flatFee: '5' },
  ],
};
const terms: UsageTerms = {
  planVersionId: 'pv',
  currency: 'USD',
  charges: [
    { metricCode: 'messages', model: 'PER_UNIT', unitPrice: '0.0004', includedUnits: '0' },
    graduated,
    { metricCode: 'storage_gb', model: 'PACKAGE', unitPrice: '2', packageSize: '10', includedUnits: '0' },
  ],
};

describe('spend', () => {
  it('prices each metric like the invoice: every tier part rounded once, half-even', () => {
    // 1,000 included. 25,000 → 24,000 billable: tier 1 10,000 × 0.002 = 20.00; tier 2 14,000 × 0.001 + 5 = 19.00.
    expect(chargeSpendMinor(graduated, '25000', 'USD')).toBe(3900n);
    // 1,005 → 5 × 0.002 = 0.01.
    expect(chargeSpendMinor(graduated, '1005', 'USD')).toBe(1n);
    // 1,003 → 3 × 0.002 = 0.006 → 0.01; 1,002.5 → 0.005 → 0.00 (half-even).
    expect(chargeSpendMinor(graduated, '1003', 'USD')).toBe(1n);
    expect(chargeSpendMinor(graduated, '1002.5', 'USD')).toBe(0n);
    // Within the included units, and a negative level, cost nothing.
    expect(chargeSpendMinor(graduated, '1000', 'USD')).toBe(0n);
    expect(chargeSpendMinor(graduated, '-3', 'USD')).toBe(0n);
  });

  it('adds the metrics of the period, leaving out those without a total', () => {
    // messages 12,345 × 0.0004 = 4.938 → 4.94; ai_tokens 25,000 → 39.00; storage 11 GB → 2 packages × 2 = 4.00.
    const totals = new Map([
      ['messages', '12345'],
      ['ai_tokens', '25000'],
      ['storage_gb', '11'],
    ]);
    expect(usageSpendMinor(terms, totals)).toBe(494n + 3900n + 400n);
    expect(usageSpendMinor(terms, new Map([['messages', '12345']]))).toBe(494n);
    expect(usageSpendMinor(terms, new Map())).toBe(0n);
  });
});
