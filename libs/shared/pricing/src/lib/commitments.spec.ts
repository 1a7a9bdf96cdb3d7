import { committedShare, minimumCommitmentLines } from './commitments';
import type { FixedTerms, InvoiceLineDraft, UsageTerms } from './invoice-composition';
import { composePeriodInvoice, type PeriodInvoiceInput } from './period-invoice';

/*
 * Minimum commitment true-ups, every figure worked out by hand. April 2026 has 30 days = 2,592,000 s.
 */
const utc = (iso: string) => new Date(`${iso}Z`);
const april = { start: utc('2026-04-01T00:00:00'), end: utc('2026-05-01T00:00:00') };

const team: FixedTerms = {
  planVersionId: 'pv-team-1',
  label: 'Team v1',
  currency: 'USD',
  baseFeeMinor: '4900',
  seatUnitPrice: '8',
  includedSeats: 5,
};
const messages: UsageTerms = {
  planVersionId: 'pv-team-1',
  currency: 'USD',
  charges: [{ metricCode: 'messages', model: 'PER_UNIT', unitPrice: '0.01', includedUnits: '0' }],
};
const input = (overrides: Partial<PeriodInvoiceInput> = {}): PeriodInvoiceInput => ({
  period: april,
  startTerms: { fixed: team, seats: 5 },
  changes: [],
  trialEndsAt: null,
  usage: messages,
  usageTotals: new Map([['messages', '150']]),
  metricNames: new Map([['messages', 'Messages']]),
  ...overrides,
});
const summary = (lines: InvoiceLineDraft[]) => lines.map((line) => [line.kind, line.description, line.amountMinor]);

describe('minimum commitment true-up', () => {
  it('makes up a shortfall with one line after usage, taxed with the rest', () => {
    // Base 49.00 + messages 150 × 0.01 = 1.50 → 50.50 charged; commitment 100.00 → true-up 49.50.
    // Subtotal 100.00, 10 % tax 10.00, total 110.00.
    const invoice = composePeriodInvoice(input({ minimumCommitmentMinor: '10000', taxRatePercent: '10' }));

    expect(summary(invoice.lines)).toEqual([
      ['BASE_FEE', 'Team v1 base fee', 4900n],
      ['USAGE', 'Messages (150 × 0.01)', 150n],
      ['MINIMUM_COMMITMENT', 'Minimum commitment true-up (commitment 100.00, charges 50.50)', 4950n],
    ]);
    expect(invoice.lines[2].explain).toEqual({
      currency: 'USD',
      commitmentMinor: '10000',
      periodSeconds: 2_592_000,
      committedSeconds: 2_592_000,
      committedMinor: '10000',
      subtotalMinor: '5050',
      shortfallMinor: '4950',
    });
    expect(invoice.lines[2]).toMatchObject({ quantity: '1', unitPrice: '49.5', periodStart: april.start });
    expect(invoice.totals).toEqual({ subtotalMinor: 10_000n, taxMinor: 1000n, totalMinor: 11_000n });
  });

  it('adds nothing when the charges come exactly to the commitment, or above it', () => {
    // 49.00 + 1.50 = 50.50: exactly the commitment, then 0.01 below it.
    expect(composePeriodInvoice(input({ minimumCommitmentMinor: '5050' })).lines.map((l) => l.kind)).toEqual([
      'BASE_FEE',
      'USAGE',
    ]);
    expect(composePeriodInvoice(input({ minimumCommitmentMinor: '5049' })).totals.subtotalMinor).toBe(5050n);
    // One minor unit short: a true-up of 0.01.
    expect(summary(composePeriodInvoice(input({ minimumCommitmentMinor: '5051' })).lines).at(-1)).toEqual([
      'MINIMUM_COMMITMENT',
      'Minimum commitment true-up (commitment 50.51, charges 50.50)',
      1n,
    ]);
  });

  it('charges the whole commitment for a period with no usage and no fees', () => {
    const free: FixedTerms = { ...team, planVersionId: 'pv-free', baseFeeMinor: '0' };
    const invoice = composePeriodInvoice(
      input({ startTerms: { fixed: free, seats: 1 }, usageTotals: new Map(), minimumCommitmentMinor: '25000' }),
    );

    expect(summary(invoice.lines)).toEqual([
      ['MINIMUM_COMMITMENT', 'Minimum commitment true-up (commitment 250.00, charges 0.00)', 25_000n],
    ]);
    expect(invoice.totals.totalMinor).toBe(25_000n);
  });

  it('prorates the commitment by the seconds outside a trial that ends inside the period', () => {
    // The trial ends 11 April: 10 of 30 days waived, so 20/30 = 2/3 of the commitment is due:
    // 100.00 × 2/3 = 66.666… → 66.67. Charges: the base fee for the rest of the period,
    // 49.00 × 2/3 = 32.666… → 32.67, and messages 1.50 → 34.17. True-up 66.67 − 34.17 = 32.50.
    const invoice = composePeriodInvoice(
      input({ trialEndsAt: utc('2026-04-11T00:00:00'), minimumCommitmentMinor: '10000' }),
    );

    expect(summary(invoice.lines)).toEqual([
      ['PRORATION_CHARGE', 'Remaining time on Team v1 base fee (2/3 of the period)', 3267n],
      ['USAGE', 'Messages (150 × 0.01)', 150n],
      [
        'MINIMUM_COMMITMENT',
        'Minimum commitment true-up (commitment 100.00 × 2/3 of the period = 66.67, charges 34.17)',
        3250n,
      ],
    ]);
    expect(invoice.lines[2].explain).toMatchObject({ committedSeconds: 1_728_000, committedMinor: '6667' });
    expect(invoice.totals.subtotalMinor).toBe(6667n);
  });

  it('commits nothing while a trial covers the whole period', () => {
    const invoice = composePeriodInvoice(
      input({ trialEndsAt: utc('2026-05-14T00:00:00'), minimumCommitmentMinor: '10000' }),
    );

    // Fixed fees are waived, usage is billed: 1.50, and no true-up.
    expect(summary(invoice.lines)).toEqual([['USAGE', 'Messages (150 × 0.01)', 150n]]);
  });

  it('rounds a prorated commitment once, half-even', () => {
    // 0.03 × 1/2 = 0.015 → 0.02 (half to even); 0.05 × 1/2 = 0.025 → 0.02.
    const half = { start: utc('2026-04-01T00:00:00'), end: utc('2026-04-16T00:00:00') };
    expect(committedShare('3', 'USD', april, half).committedMinor).toBe(2n);
    expect(committedShare('5', 'USD', april, half).committedMinor).toBe(2n);
    // JPY has no minor unit: 1,001 × 1/2 = 500.5 → 500.
    expect(committedShare('1001', 'JPY', april, half).committedMinor).toBe(500n);
  });

  it('tops up past a credit: the subtotal comes to the commitment', () => {
    // Charged −20.00 (a proration credit larger than the rest): the true-up is 100.00 + 20.00 = 120.00.
    expect(
      summary(
        minimumCommitmentLines({ commitmentMinor: '10000', currency: 'USD', period: april, chargedMinor: -2000n }),
      ),
    ).toEqual([['MINIMUM_COMMITMENT', 'Minimum commitment true-up (commitment 100.00, charges -20.00)', 12_000n]]);
  });

  it.each(['0', '-5', '1.5', 'ten', ''])('refuses a commitment of %j', (commitmentMinor) => {
    expect(() => minimumCommitmentLines({ commitmentMinor, currency: 'USD', period: april, chargedMinor: 0n })).toThrow(
      RangeError,
    );
  });
});
