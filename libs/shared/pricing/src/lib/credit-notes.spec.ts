import {
  amountDueOf,
  type CreditableInvoice,
  type CreditLineRequest,
  creditNoteFigures,
  type CreditNoteTotals,
  taxCreditedAt,
} from './credit-notes';

/*
 * Credit notes whose every figure was worked out by hand; the arithmetic sits next to each expectation.
 * Tax is the invoice's rate on the running credited subtotal, rounded once, half-even, less the tax
 * earlier credit notes already took back.
 */

interface Invoice extends CreditableInvoice {
  totalMinor: bigint;
}

function invoice(currency: string, taxRatePercent: string | null, amounts: bigint[], taxMinor: bigint): Invoice {
  const subtotalMinor = amounts.reduce((sum, amount) => sum + amount, 0n);
  return {
    currency,
    taxRatePercent,
    subtotalMinor,
    taxMinor,
    totalMinor: subtotalMinor + taxMinor,
    lines: amounts.map((amountMinor, index) => ({ id: `line-${index + 1}`, amountMinor, creditedMinor: 0n })),
    creditedSubtotalMinor: 0n,
    creditedTaxMinor: 0n,
  };
}

/** Issues credit notes one after another, each seeing what the earlier ones took; returns their totals. */
function creditInTurn(start: Invoice, notes: CreditLineRequest[][]): CreditNoteTotals[] {
  let current: Invoice = start;
  return notes.map((requested) => {
    const figures = creditNoteFigures(current, requested);
    if (!figures.ok) throw new Error(`refused: ${JSON.stringify(figures.refusal, (_k, v) => String(v))}`);
    current = {
      ...current,
      creditedSubtotalMinor: current.creditedSubtotalMinor + figures.totals.subtotalMinor,
      creditedTaxMinor: current.creditedTaxMinor + figures.totals.taxMinor,
      lines: current.lines.map((line) => ({
        ...line,
        creditedMinor:
          line.creditedMinor +
          requested.filter((r) => r.invoiceLineId === line.id).reduce((sum, r) => sum + r.amountMinor, 0n),
      })),
    };
    return figures.totals;
  });
}

const part = (invoiceLineId: string | null, amountMinor: bigint): CreditLineRequest => ({ invoiceLineId, amountMinor });
const totals = (subtotalMinor: bigint, taxMinor: bigint): CreditNoteTotals => ({
  subtotalMinor,
  taxMinor,
  totalMinor: subtotalMinor + taxMinor,
});

describe('golden credit notes', () => {
  describe('USD at 20 %', () => {
    // Lines 49.00 + 24.00 + 12.34 = 85.34; tax 85.34 × 0.20 = 17.068 → 17.07; total 102.41.
    const usd = invoice('USD', '20', [4900n, 2400n, 1234n], 1707n);

    it('credits in three parts, the last taking exactly the tax that is left', () => {
      const notes = creditInTurn(usd, [
        // 10.00 of the usage line: credited 10.00, tax 10.00 × 0.20 = 2.00.
        [part('line-3', 1000n)],
        // The seats: credited 34.00 in all, tax 6.80, of which 2.00 was taken: 4.80.
        [part('line-2', 2400n)],
        // The base fee and the 2.34 left of the usage line: the whole 85.34, tax 17.07 − 6.80 = 10.27.
        [part('line-1', 4900n), part('line-3', 234n)],
      ]);
      expect(notes).toEqual([totals(1000n, 200n), totals(2400n, 480n), totals(5134n, 1027n)]);
      // 12.00 + 28.80 + 61.61 = 102.41, the invoice's total.
      expect(notes.reduce((sum, note) => sum + note.totalMinor, 0n)).toBe(usd.totalMinor);
    });

    it('takes a free-standing amount against the subtotal only', () => {
      // 5.00 goodwill: tax 5.00 × 0.20 = 1.00.
      expect(creditNoteFigures(usd, [part(null, 500n)])).toEqual({ ok: true, totals: totals(500n, 100n) });
    });
  });

  describe('USD at 10 %, where rounding each credit note on its own would give back too much', () => {
    // Four lines of 0.15 = 0.60; tax 0.060 → 0.06.
    const small = invoice('USD', '10', [15n, 15n, 15n, 15n], 6n);

    it('rounds the running credited subtotal half-even, once per credit note', () => {
      const notes = creditInTurn(small, [
        // Credited 0.15: 0.015 → 0.02 (half-even: 1 is odd, up): 2.
        [part('line-1', 15n)],
        // Credited 0.30: 0.030 → 0.03, of which 0.02 taken: 1.
        [part('line-2', 15n)],
        // Credited 0.45: 0.045 → 0.04 (half-even: 4 is even, down), of which 0.03 taken: 1.
        [part('line-3', 15n)],
        // Credited 0.60: the invoice's 0.06, of which 0.04 taken: 2.
        [part('line-4', 15n)],
      ]);
      expect(notes.map((note) => note.taxMinor)).toEqual([2n, 1n, 1n, 2n]);
      // Each rounded alone, 0.015 → 0.02 four times would credit 0.08 of a 0.06 tax.
      expect(notes.reduce((sum, note) => sum + note.taxMinor, 0n)).toBe(6n);
    });
  });

  describe('JPY at 10 % (no minor unit)', () => {
    // ¥10,000 + ¥2,345 = ¥12,345; tax 1,234.5 → 1,234 (half-even: 4 is even); total ¥13,579.
    const jpy = invoice('JPY', '10', [10_000n, 2345n], 1234n);

    it('credits the usage line, then the rest', () => {
      const notes = creditInTurn(jpy, [
        // ¥2,345: tax 234.5 → 234 (4 is even).
        [part('line-2', 2345n)],
        // ¥10,000 more credits all ¥12,345: tax ¥1,234 − ¥234 = ¥1,000.
        [part('line-1', 10_000n)],
      ]);
      expect(notes).toEqual([totals(2345n, 234n), totals(10_000n, 1000n)]);
      expect(notes[0].totalMinor + notes[1].totalMinor).toBe(13_579n);
    });

    it('gives no tax on ¥1 (0.1 → 0)', () => {
      expect(creditNoteFigures(jpy, [part(null, 1n)])).toEqual({ ok: true, totals: totals(1n, 0n) });
    });
  });

  describe('KWD (three decimals)', () => {
    // 12.345 + 0.500 = 12.845 KWD; tax 5 %: 0.64225 → 0.642; total 13.487.
    const kwd = invoice('KWD', '5', [12_345n, 500n], 642n);

    it('credits a line, a free-standing amount, then the rest', () => {
      const notes = creditInTurn(kwd, [
        // 0.500: tax 0.025 → 25.
        [part('line-2', 500n)],
        // 1.005 more, 1.505 in all: 0.07525 → 0.075, of which 0.025 taken: 50.
        [part(null, 1005n)],
        // The 11.340 left: the invoice's 0.642 less 0.075: 567.
        [part('line-1', 11_340n)],
      ]);
      expect(notes).toEqual([totals(500n, 25n), totals(1005n, 50n), totals(11_340n, 567n)]);
      expect(notes.reduce((sum, note) => sum + note.totalMinor, 0n)).toBe(13_487n);
    });

    it('breaks ties half-even on the third decimal', () => {
      // 0.300 KWD at 2.5 %: 0.0075 → 0.008 (7 is odd, up).
      const tied = invoice('KWD', '2.5', [100n, 100n, 100n], 8n);
      const notes = creditInTurn(tied, [[part('line-1', 100n)], [part('line-2', 100n)], [part('line-3', 100n)]]);
      // Credited 0.100: 0.0025 → 0.002 (2 is even). 0.200: 0.005 → 5, so 3. 0.300: 8, so 3.
      expect(notes.map((note) => note.taxMinor)).toEqual([2n, 3n, 3n]);
    });
  });

  describe('without tax', () => {
    it('credits the subtotal only', () => {
      const untaxed = invoice('EUR', null, [999n], 0n);
      expect(creditNoteFigures(untaxed, [part('line-1', 999n)])).toEqual({ ok: true, totals: totals(999n, 0n) });
    });
  });

  describe('refusals', () => {
    const usd = invoice('USD', '20', [4900n, 2400n, 1234n], 1707n);
    const afterFirst = {
      ...usd,
      creditedSubtotalMinor: 1000n,
      creditedTaxMinor: 200n,
      lines: usd.lines.map((line) => (line.id === 'line-3' ? { ...line, creditedMinor: 1000n } : line)),
    };

    it('refuses more of a line than is left of it, adding up the request’s parts of that line', () => {
      // 12.34 − 10.00 credited = 2.34 left.
      expect(creditNoteFigures(afterFirst, [part('line-3', 235n)])).toEqual({
        ok: false,
        refusal: { reason: 'LINE_OVER_CREDITED', invoiceLineId: 'line-3', creditableMinor: 234n },
      });
      expect(creditNoteFigures(afterFirst, [part('line-3', 200n), part('line-3', 35n)])).toMatchObject({
        ok: false,
        refusal: { reason: 'LINE_OVER_CREDITED' },
      });
      expect(creditNoteFigures(afterFirst, [part('line-3', 234n)])).toMatchObject({ ok: true });
    });

    it('refuses more than the subtotal left, free-standing amounts included', () => {
      // 85.34 − 10.00 = 75.34 left.
      expect(creditNoteFigures(afterFirst, [part('line-1', 4900n), part(null, 2635n)])).toEqual({
        ok: false,
        refusal: { reason: 'INVOICE_OVER_CREDITED', creditableMinor: 7534n },
      });
      expect(creditNoteFigures(afterFirst, [part('line-1', 4900n), part(null, 2634n)])).toMatchObject({ ok: true });
    });

    it('refuses an empty credit note, amounts of 0 or less, and lines of other invoices', () => {
      expect(creditNoteFigures(usd, [])).toEqual({ ok: false, refusal: { reason: 'NO_LINES' } });
      expect(creditNoteFigures(usd, [part('line-1', 1n), part(null, 0n)])).toEqual({
        ok: false,
        refusal: { reason: 'AMOUNT_NOT_POSITIVE', index: 1 },
      });
      expect(creditNoteFigures(usd, [part('elsewhere', 1n)])).toEqual({
        ok: false,
        refusal: { reason: 'UNKNOWN_INVOICE_LINE', index: 0, invoiceLineId: 'elsewhere' },
      });
    });

    it('never credits a negative line (a proration credit): nothing of it is left to credit', () => {
      const prorated = invoice('USD', null, [4900n, -1200n], 0n);
      expect(creditNoteFigures(prorated, [part('line-2', 1n)])).toEqual({
        ok: false,
        refusal: { reason: 'LINE_OVER_CREDITED', invoiceLineId: 'line-2', creditableMinor: 0n },
      });
    });
  });

  describe('taxCreditedAt', () => {
    const usd = invoice('USD', '20', [4900n, 2400n, 1234n], 1707n);

    it('is 0 before anything is credited and the invoice’s tax once everything is', () => {
      expect(taxCreditedAt(usd, 0n)).toBe(0n);
      expect(taxCreditedAt(usd, 8534n)).toBe(1707n);
    });

    it('never passes the invoice’s tax, even for an invoice taxed by another rule', () => {
      // 85.33 × 0.20 = 17.066 → 17.07, above the 17.00 this invoice charged.
      expect(taxCreditedAt({ ...usd, taxMinor: 1700n }, 8533n)).toBe(1700n);
    });
  });

  describe('amountDueOf', () => {
    it('is the total less payments and credits', () => {
      // 102.41 − 50.00 paid − 12.00 credited = 40.41.
      expect(amountDueOf({ totalMinor: 10_241n, amountPaidMinor: 5000n, amountCreditedMinor: 1200n })).toBe(4041n);
      expect(amountDueOf({ totalMinor: 10_241n, amountPaidMinor: 10_241n, amountCreditedMinor: 1200n })).toBe(0n);
    });
  });
});
