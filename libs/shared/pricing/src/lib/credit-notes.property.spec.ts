import fc from 'fast-check';
import {
  amountDueOf,
  type CreditableInvoice,
  type CreditLineRequest,
  creditNoteFigures,
  type CreditNoteTotals,
} from './credit-notes';
import { type InvoiceLineDraft, totalsOf } from './invoice-composition';

/** An invoice priced the way drafting prices it: rounded lines, then totalsOf with the tenant's rate. */
interface PricedInvoice extends CreditableInvoice {
  totalMinor: bigint;
}

const currencies = fc.constantFrom('USD', 'JPY', 'KWD');
/** 0 to 100 percent with up to four decimals, as tenants' tax rates are stored; null for no tax. */
const taxRates = fc.option(
  fc.integer({ min: 0, max: 1_000_000 }).map((tenThousandths) => (tenThousandths / 10_000).toString()),
  { nil: null },
);
const lineAmounts = fc.array(fc.bigInt({ min: 1n, max: 10_000_000n }), { minLength: 1, maxLength: 8 });

function priced(currency: string, taxRatePercent: string | null, amounts: bigint[]): PricedInvoice {
  const drafts = amounts.map((amountMinor) => ({ amountMinor }) as InvoiceLineDraft);
  const { subtotalMinor, taxMinor, totalMinor } = totalsOf(drafts, currency, taxRatePercent);
  return {
    currency,
    taxRatePercent,
    subtotalMinor,
    taxMinor,
    totalMinor,
    lines: amounts.map((amountMinor, index) => ({ id: `line-${index}`, amountMinor, creditedMinor: 0n })),
    creditedSubtotalMinor: 0n,
    creditedTaxMinor: 0n,
  };
}

const invoices = fc
  .tuple(currencies, taxRates, lineAmounts)
  .map(([currency, rate, amounts]) => priced(currency, rate, amounts));

/** Applies an accepted credit note to what the next one sees. */
function afterCredit(invoice: PricedInvoice, requested: CreditLineRequest[], totals: CreditNoteTotals): PricedInvoice {
  return {
    ...invoice,
    creditedSubtotalMinor: invoice.creditedSubtotalMinor + totals.subtotalMinor,
    creditedTaxMinor: invoice.creditedTaxMinor + totals.taxMinor,
    lines: invoice.lines.map((line) => ({
      ...line,
      creditedMinor:
        line.creditedMinor +
        requested.filter((r) => r.invoiceLineId === line.id).reduce((sum, r) => sum + r.amountMinor, 0n),
    })),
  };
}

/** `total` cut into `cuts.length + 1` positive parts at the given fractions (parts of a whole minor unit merge). */
function split(total: bigint, cuts: number[]): bigint[] {
  const points = [...new Set(cuts.map((cut) => BigInt(Math.floor(cut * Number(total)))))]
    .filter((point) => point > 0n && point < total)
    .sort((a, b) => (a < b ? -1 : 1));
  return [...points, total].map((point, index) => point - (index === 0 ? 0n : points[index - 1]));
}

describe('credit note invariants', () => {
  it('never credits more than the invoice: per line, in subtotal, in tax, in total', () => {
    const attempts = fc.array(
      fc.array(
        fc.record({
          line: fc.option(fc.nat({ max: 9 }), { nil: null }),
          amountMinor: fc.bigInt({ min: -5n, max: 12_000_000n }),
        }),
        { minLength: 0, maxLength: 4 },
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(invoices, attempts, (start, asked) => {
        let invoice = start;
        for (const lines of asked) {
          const requested = lines.map(({ line, amountMinor }) => ({
            invoiceLineId: line === null ? null : `line-${line}`,
            amountMinor,
          }));
          const figures = creditNoteFigures(invoice, requested);
          if (!figures.ok) continue;
          expect(figures.totals.subtotalMinor).toBeGreaterThan(0n);
          expect(figures.totals.taxMinor).toBeGreaterThanOrEqual(0n);
          invoice = afterCredit(invoice, requested, figures.totals);
        }
        expect(invoice.creditedSubtotalMinor).toBeLessThanOrEqual(start.subtotalMinor);
        expect(invoice.creditedTaxMinor).toBeLessThanOrEqual(start.taxMinor);
        expect(invoice.creditedSubtotalMinor + invoice.creditedTaxMinor).toBeLessThanOrEqual(start.totalMinor);
        for (const line of invoice.lines) expect(line.creditedMinor).toBeLessThanOrEqual(line.amountMinor);
      }),
    );
  });

  it('credits exactly the subtotal and the tax of an invoice credited in any number of parts', () => {
    const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 });
    fc.assert(
      fc.property(invoices, cuts, fc.boolean(), (start, fractions, byLine) => {
        // Either each line in parts of its own, or the subtotal in free-standing parts.
        const requests: CreditLineRequest[][] = byLine
          ? start.lines.flatMap((line) =>
              split(line.amountMinor, fractions).map((amountMinor) => [{ invoiceLineId: line.id, amountMinor }]),
            )
          : split(start.subtotalMinor, fractions).map((amountMinor) => [{ invoiceLineId: null, amountMinor }]);
        let invoice = start;
        let credited = 0n;
        for (const requested of requests) {
          const figures = creditNoteFigures(invoice, requested);
          if (!figures.ok) throw new Error(`refused ${figures.refusal.reason}`);
          invoice = afterCredit(invoice, requested, figures.totals);
          credited += figures.totals.totalMinor;
        }
        expect(invoice.creditedSubtotalMinor).toBe(start.subtotalMinor);
        expect(invoice.creditedTaxMinor).toBe(start.taxMinor);
        expect(credited).toBe(start.totalMinor);
        expect(creditNoteFigures(invoice, [{ invoiceLineId: null, amountMinor: 1n }])).toMatchObject({ ok: false });
      }),
    );
  });

  it('never leaves an invoice’s total, or what it still asks for, below zero', () => {
    const payments = fc.bigInt({ min: 0n, max: 100_000_000n });
    fc.assert(
      fc.property(invoices, fc.double({ min: 0, max: 1, noNaN: true }), payments, (invoice, share, paid) => {
        expect(invoice.totalMinor).toBeGreaterThanOrEqual(invoice.subtotalMinor);
        expect(invoice.totalMinor).toBeGreaterThan(0n);
        const creditedMinor = BigInt(Math.floor(share * Number(invoice.subtotalMinor)));
        const figures = creditNoteFigures(invoice, [{ invoiceLineId: null, amountMinor: creditedMinor }]);
        const amountCreditedMinor = figures.ok ? figures.totals.totalMinor : 0n;
        expect(invoice.totalMinor - amountCreditedMinor).toBeGreaterThanOrEqual(0n);
        const amountPaidMinor = paid < invoice.totalMinor ? paid : invoice.totalMinor;
        expect(
          amountDueOf({ totalMinor: invoice.totalMinor, amountPaidMinor, amountCreditedMinor }),
        ).toBeGreaterThanOrEqual(0n);
      }),
    );
  });
});
