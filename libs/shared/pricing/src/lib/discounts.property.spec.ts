import fc from 'fast-check';
import { type DiscountTerms, discountLines } from './discounts';
import { type InvoiceLineDraft, totalsOf } from './invoice-composition';

const period = { start: new Date('2026-04-01T00:00:00Z'), end: new Date('2026-05-01T00:00:00Z') };
const currencies = fc.constantFrom('USD', 'JPY', 'KWD');
/** Charges and proration credits: a subtotal may be anything, a credit included. */
const lineAmounts = fc.array(fc.bigInt({ min: -5_000_000n, max: 10_000_000n }), { minLength: 0, maxLength: 8 });
const taxRates = fc.option(
  fc.integer({ min: 0, max: 1_000_000 }).map((tenThousandths) => (tenThousandths / 10_000).toString()),
  { nil: null },
);

const percentage = fc.integer({ min: 1, max: 1_000_000 }).map(
  (tenThousandths): Omit<DiscountTerms, 'currency'> => ({
    redemptionId: 'r',
    couponId: 'c',
    couponCode: 'PCT',
    couponName: 'Percent',
    kind: 'PERCENTAGE',
    percentOff: (tenThousandths / 10_000).toString(),
    amountOffMinor: null,
    duration: 'FOREVER',
    periodsLeft: null,
  }),
);
const fixedAmount = fc.bigInt({ min: 1n, max: 20_000_000n }).map(
  (amount): Omit<DiscountTerms, 'currency'> => ({
    redemptionId: 'r',
    couponId: 'c',
    couponCode: 'FIX',
    couponName: 'Fixed',
    kind: 'FIXED_AMOUNT',
    percentOff: null,
    amountOffMinor: amount.toString(),
    duration: 'ONCE',
    periodsLeft: 1,
  }),
);
const discounts = fc.array(fc.oneof(percentage, fixedAmount), { minLength: 0, maxLength: 5 });

const drafts = (amounts: bigint[]) => amounts.map((amountMinor) => ({ amountMinor }) as InvoiceLineDraft);

describe('discount properties', () => {
  it('never take an invoice total below zero, nor take more than a positive subtotal', () => {
    fc.assert(
      fc.property(currencies, lineAmounts, discounts, taxRates, (currency, amounts, terms, taxRate) => {
        const charged = drafts(amounts);
        const subtotal = charged.reduce((sum, line) => sum + line.amountMinor, 0n);
        const applied = terms.map((term) => ({
          ...term,
          currency: term.kind === 'FIXED_AMOUNT' ? currency : null,
        }));
        const lines = discountLines(applied, subtotal, currency, period);
        const taken = lines.reduce((sum, line) => sum - line.amountMinor, 0n);
        const totals = totalsOf([...charged, ...lines], currency, taxRate);

        expect(lines).toHaveLength(terms.length);
        expect(lines.every((line) => line.amountMinor <= 0n)).toBe(true);
        expect(taken).toBeLessThanOrEqual(subtotal > 0n ? subtotal : 0n);
        if (subtotal >= 0n) {
          expect(totals.subtotalMinor).toBeGreaterThanOrEqual(0n);
          expect(totals.totalMinor).toBeGreaterThanOrEqual(0n);
        } else {
          // A credit stays the credit it was: discounts leave it alone.
          expect(totals.subtotalMinor).toBe(subtotal);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('apply each discount to what the ones before it left', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10_000_000n }), discounts, (subtotal, terms) => {
        const applied = terms.map((term) => ({ ...term, currency: term.kind === 'FIXED_AMOUNT' ? 'USD' : null }));
        let left = subtotal;
        for (const line of discountLines(applied, subtotal, 'USD', period)) {
          expect(line.explain['baseMinor']).toBe(left.toString());
          left += line.amountMinor;
          expect(left).toBeGreaterThanOrEqual(0n);
        }
      }),
    );
  });
});
