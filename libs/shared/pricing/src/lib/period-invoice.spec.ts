import type { FixedTerms, InvoiceLineDraft, UsageTerms } from './invoice-composition';
import { composePeriodInvoice, type PeriodInvoiceInput } from './period-invoice';

/*
 * Whole period invoices with changes inside the period, every figure worked out by hand. April 2026
 * has 30 days = 2,592,000 s.
 */
const utc = (iso: string) => new Date(`${iso}Z`);
const april = { start: utc('2026-04-01T00:00:00'), end: utc('2026-05-01T00:00:00') };

/** The demo catalog's Team v1 and Business v1. */
const team: FixedTerms = {
  planVersionId: 'pv-team-1',
  label: 'Team v1',
  currency: 'USD',
  baseFeeMinor: '4900',
  seatUnitPrice: '8',
  includedSeats: 5,
};
const business: FixedTerms = {
  planVersionId: 'pv-business-1',
  label: 'Business v1',
  currency: 'USD',
  baseFeeMinor: '49900',
  seatUnitPrice: '12',
  includedSeats: 20,
};
const teamUsage: UsageTerms = {
  planVersionId: 'pv-team-1',
  currency: 'USD',
  charges: [{ metricCode: 'messages', model: 'PER_UNIT', unitPrice: '0.01', includedUnits: '0' }],
};
const businessUsage: UsageTerms = {
  planVersionId: 'pv-business-1',
  currency: 'USD',
  charges: [{ metricCode: 'messages', model: 'PER_UNIT', unitPrice: '0.005', includedUnits: '0' }],
};

const input = (overrides: Partial<PeriodInvoiceInput> = {}): PeriodInvoiceInput => ({
  period: april,
  startTerms: { fixed: team, seats: 8 },
  changes: [],
  trialEndsAt: null,
  usage: teamUsage,
  usageTotals: new Map([['messages', '150']]),
  metricNames: new Map([['messages', 'Messages']]),
  ...overrides,
});
const summary = (lines: InvoiceLineDraft[]) => lines.map((line) => [line.kind, line.description, line.amountMinor]);

describe('composePeriodInvoice', () => {
  it('bills the fixed fees of the starting terms, then usage, then tax', () => {
    const invoice = composePeriodInvoice(input({ taxRatePercent: '10' }));
    // Base 49.00; seats (8 − 5) × 8.00 = 24.00; messages 150 × 0.01 = 1.50; 74.50 + 10 % = 7.45 → 81.95.
    expect(summary(invoice.lines)).toEqual([
      ['BASE_FEE', 'Team v1 base fee', 4900n],
      ['SEATS', 'Seats above 5 included (3 × 8.00)', 2400n],
      ['USAGE', 'Messages (150 × 0.01)', 150n],
    ]);
    expect(invoice.totals).toEqual({ subtotalMinor: 7450n, taxMinor: 745n, totalMinor: 8195n });
    expect(invoice.currency).toBe('USD');
  });

  it('prorates an upgrade from Team to Business 10 days into April and prices usage on Business', () => {
    // April 11 00:00: 20 of 30 days remain, 2/3.
    const upgrade = { at: utc('2026-04-11T00:00:00'), to: { fixed: business, seats: 8 } };
    const invoice = composePeriodInvoice(input({ changes: [upgrade], usage: businessUsage }));
    const changeLines = [
      // 49.00 × 2/3 = 32.666… → 32.67 credited
      ['PRORATION_CREDIT', 'Unused time on Team v1 base fee (2/3 of the period)', -3267n],
      // 3 × 8.00 = 24.00 × 2/3 = 16.00 credited
      ['PRORATION_CREDIT', 'Unused time on Team v1 seats above 5 included (2/3 of the period, 3 × 8.00)', -1600n],
      // 499.00 × 2/3 = 332.666… → 332.67; 8 seats are within Business's 20: no seat line
      ['PRORATION_CHARGE', 'Remaining time on Business v1 base fee (2/3 of the period)', 33267n],
    ];
    expect(summary(invoice.lines)).toEqual([
      ['BASE_FEE', 'Team v1 base fee', 4900n],
      ['SEATS', 'Seats above 5 included (3 × 8.00)', 2400n],
      ...changeLines,
      // 150 × 0.005 = 0.75
      ['USAGE', 'Messages (150 × 0.005)', 75n],
    ]);
    expect(summary(invoice.linesByChange[0])).toEqual(changeLines);
    // 4900 + 2400 − 3267 − 1600 + 33267 + 75 = 35775
    expect(invoice.totals.totalMinor).toBe(35775n);
  });

  it('chains changes: seats up, then a downgrade of the new seat count', () => {
    const invoice = composePeriodInvoice(
      input({
        changes: [
          // April 16 00:00: 15 of 30 days remain, 1/2.
          { at: utc('2026-04-16T00:00:00'), to: { fixed: team, seats: 10 } },
          // April 21 00:00: 10 of 30 days remain, 1/3.
          { at: utc('2026-04-21T00:00:00'), to: { fixed: team, seats: 6 } },
        ],
        usageTotals: new Map(),
      }),
    );
    expect(summary(invoice.lines)).toEqual([
      ['BASE_FEE', 'Team v1 base fee', 4900n],
      ['SEATS', 'Seats above 5 included (3 × 8.00)', 2400n],
      // 24.00 × 1/2 = 12.00 credited; 5 × 8.00 = 40.00 × 1/2 = 20.00 charged
      ['PRORATION_CREDIT', 'Unused time on Team v1 seats above 5 included (1/2 of the period, 3 × 8.00)', -1200n],
      ['PRORATION_CHARGE', 'Remaining time on Team v1 seats above 5 included (1/2 of the period, 5 × 8.00)', 2000n],
      // 40.00 × 1/3 = 13.333… → 13.33 credited; 1 × 8.00 × 1/3 = 2.666… → 2.67 charged
      ['PRORATION_CREDIT', 'Unused time on Team v1 seats above 5 included (1/3 of the period, 5 × 8.00)', -1333n],
      ['PRORATION_CHARGE', 'Remaining time on Team v1 seats above 5 included (1/3 of the period, 1 × 8.00)', 267n],
    ]);
    // 49.00 + 24.00 − 12.00 + 20.00 − 13.33 + 2.67 = 70.34
    expect(invoice.totals.totalMinor).toBe(7034n);
  });

  it('does not prorate a change at the period start: it sets the terms the period starts on', () => {
    const scheduled = { at: april.start, to: { fixed: business, seats: 20 } };
    const invoice = composePeriodInvoice(input({ changes: [scheduled], usage: businessUsage }));
    expect(summary(invoice.lines)).toEqual([
      ['BASE_FEE', 'Business v1 base fee', 49900n],
      ['USAGE', 'Messages (150 × 0.005)', 75n],
    ]);
    expect(invoice.linesByChange).toEqual([[]]);
  });

  it('waives fixed fees for a period inside the trial, and charges the rest of one in which the trial ends', () => {
    expect(summary(composePeriodInvoice(input({ trialEndsAt: april.end })).lines)).toEqual([
      ['USAGE', 'Messages (150 × 0.01)', 150n],
    ]);
    // The trial ends April 16 00:00: 1/2 remains. 49.00 × 1/2 = 24.50; 24.00 × 1/2 = 12.00.
    const ending = composePeriodInvoice(input({ trialEndsAt: utc('2026-04-16T00:00:00') }));
    expect(summary(ending.lines)).toEqual([
      ['PRORATION_CHARGE', 'Remaining time on Team v1 base fee (1/2 of the period)', 2450n],
      ['PRORATION_CHARGE', 'Remaining time on Team v1 seats above 5 included (1/2 of the period, 3 × 8.00)', 1200n],
      ['USAGE', 'Messages (150 × 0.01)', 150n],
    ]);
    expect(ending.lines[0].explain).toMatchObject({ trialEndsAt: '2026-04-16T00:00:00.000Z' });
  });

  it('credits the rest of the old terms when a move starts a trial, and charges nothing until it ends', () => {
    // April 11: 2/3 remain. Moving onto Business with a trial that runs past the period's end.
    const move = { at: utc('2026-04-11T00:00:00'), to: { fixed: business, seats: 8 }, startsTrial: true };
    const invoice = composePeriodInvoice(
      input({ changes: [move], trialEndsAt: utc('2026-04-25T00:00:00'), usageTotals: new Map() }),
    );
    expect(summary(invoice.lines)).toEqual([
      ['BASE_FEE', 'Team v1 base fee', 4900n],
      ['SEATS', 'Seats above 5 included (3 × 8.00)', 2400n],
      ['PRORATION_CREDIT', 'Unused time on Team v1 base fee (2/3 of the period)', -3267n],
      ['PRORATION_CREDIT', 'Unused time on Team v1 seats above 5 included (2/3 of the period, 3 × 8.00)', -1600n],
      // The trial ends April 25 00:00: 6 of 30 days remain, 1/5. 499.00 × 1/5 = 99.80.
      ['PRORATION_CHARGE', 'Remaining time on Business v1 base fee (1/5 of the period)', 9980n],
    ]);
  });

  it('charges nothing for changes during a trial; the terms in effect when it ends are charged', () => {
    const invoice = composePeriodInvoice(
      input({
        changes: [{ at: utc('2026-04-06T00:00:00'), to: { fixed: team, seats: 9 } }],
        trialEndsAt: utc('2026-04-16T00:00:00'),
        usageTotals: new Map(),
      }),
    );
    // 1/2 remains at the trial's end: 24.50 base; (9 − 5) × 8.00 = 32.00 × 1/2 = 16.00.
    expect(summary(invoice.lines)).toEqual([
      ['PRORATION_CHARGE', 'Remaining time on Team v1 base fee (1/2 of the period)', 2450n],
      ['PRORATION_CHARGE', 'Remaining time on Team v1 seats above 5 included (1/2 of the period, 4 × 8.00)', 1600n],
    ]);
    expect(invoice.linesByChange).toEqual([[]]);
  });
});
