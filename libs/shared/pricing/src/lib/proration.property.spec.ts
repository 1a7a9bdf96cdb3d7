import fc from 'fast-check';
import type { FixedTerms } from './invoice-composition';
import { minorUnitsOf } from './currencies';
import { composePeriodInvoice, type SubscriptionTerms, type TermsChange } from './period-invoice';

/*
 * Invariants of prorated period invoices, over random plan versions, seat counts, periods, changes
 * and tax rates in currencies with 0, 2 and 3 decimals.
 */

const currencies = fc.constantFrom('USD', 'JPY', 'KWD');

/** A decimal text with up to `digits` decimals, below `max` whole units. */
const decimalText = (digits: number, max: number) =>
  fc.integer({ min: 0, max: max * 10 ** digits }).map((scaled) => (scaled / 10 ** digits).toFixed(digits));

const fixedTerms = (currency: string, id: string) =>
  fc.record({
    planVersionId: fc.constant(id),
    label: fc.constant(`Plan ${id}`),
    currency: fc.constant(currency),
    baseFeeMinor: fc.integer({ min: 0, max: 10_000_000 }).map(String),
    seatUnitPrice: decimalText(minorUnitsOf(currency) + 2, 500),
    includedSeats: fc.integer({ min: 0, max: 20 }),
  }) satisfies fc.Arbitrary<FixedTerms>;

const seats = fc.integer({ min: 0, max: 200 });

/** A month or a year starting on a random second of 2020–2030. */
const periods = fc
  .tuple(fc.integer({ min: 1_577_836_800, max: 1_893_456_000 }), fc.constantFrom(28, 29, 30, 31, 365, 366))
  .map(([startSeconds, days]) => ({
    start: new Date(startSeconds * 1000),
    end: new Date((startSeconds + days * 86_400) * 1000),
  }));

const taxRates = fc.option(
  fc.integer({ min: 0, max: 1_000_000 }).map((tenThousandths) => (tenThousandths / 10_000).toString()),
  { nil: null },
);

/** Versions of one currency, a period and instants inside it (as fractions of the period). */
const scenario = currencies.chain((currency) =>
  fc.record({
    currency: fc.constant(currency),
    versions: fc.tuple(fixedTerms(currency, 'a'), fixedTerms(currency, 'b'), fixedTerms(currency, 'c')),
    period: periods,
    taxRatePercent: taxRates,
    startSeats: seats,
    steps: fc.array(
      fc.record({ version: fc.integer({ min: 0, max: 2 }), seats, at: fc.double({ min: 0, max: 1, noNaN: true }) }),
      {
        maxLength: 6,
      },
    ),
  }),
);

const noUsage = (currency: string) => ({ planVersionId: 'x', currency, charges: [] });

describe('proration invariants', () => {
  it('nets an upgrade followed at once by the reverse downgrade to zero, within one minor unit per line', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 998 }),
        seats,
        (s, share, millisecond, toSeats) => {
          const { period } = s;
          const seconds = (period.end.getTime() - period.start.getTime()) / 1000;
          // Changes are recorded a millisecond apart at least; proration counts whole seconds.
          const at = new Date(period.start.getTime() + (1 + Math.floor(share * (seconds - 2))) * 1000 + millisecond);
          const from: SubscriptionTerms = { fixed: s.versions[0], seats: s.startSeats };
          const to: SubscriptionTerms = { fixed: s.versions[1], seats: toSeats };
          const invoice = composePeriodInvoice({
            period,
            startTerms: from,
            changes: [
              { at, to },
              { at: new Date(at.getTime() + 1), to: from },
            ],
            trialEndsAt: null,
            usage: noUsage(s.currency),
            usageTotals: new Map(),
          });
          const prorations = invoice.linesByChange.flat();
          const net = prorations.reduce((sum, line) => sum + line.amountMinor, 0n);
          const bound = BigInt(prorations.length);
          expect(net >= -bound && net <= bound).toBe(true);
        },
      ),
    );
  });

  it('totals a period as the sum of its rounded lines plus tax on that sum', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const invoice = composePeriodInvoice({
          period: s.period,
          startTerms: { fixed: s.versions[0], seats: s.startSeats },
          changes: changesOf(s),
          trialEndsAt: null,
          usage: noUsage(s.currency),
          usageTotals: new Map(),
          taxRatePercent: s.taxRatePercent,
        });
        const sum = invoice.lines.reduce((total, line) => total + line.amountMinor, 0n);
        expect(invoice.totals.subtotalMinor).toBe(sum);
        expect(invoice.totals.totalMinor).toBe(sum + invoice.totals.taxMinor);
        expect(invoice.totals.taxMinor >= 0n).toBe(true);
        expect(invoice.lines.every((line) => line.amountMinor !== 0n)).toBe(true);
      }),
    );
  });

  it('never takes a period’s fixed fees below zero, whatever the changes inside it', () => {
    fc.assert(
      fc.property(scenario, fc.option(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { nil: null }), (s, trial) => {
        const { period } = s;
        const span = period.end.getTime() - period.start.getTime();
        const invoice = composePeriodInvoice({
          period,
          startTerms: { fixed: s.versions[0], seats: s.startSeats },
          changes: changesOf(s),
          trialEndsAt: trial === null ? null : new Date(period.start.getTime() + Math.floor(trial * span)),
          usage: noUsage(s.currency),
          usageTotals: new Map(),
          taxRatePercent: s.taxRatePercent,
        });
        expect(invoice.totals.subtotalMinor >= 0n).toBe(true);
        expect(invoice.totals.totalMinor >= 0n).toBe(true);
      }),
    );
  });
});

/** The scenario's steps as changes at strictly increasing instants inside the period. */
function changesOf(s: {
  period: { start: Date; end: Date };
  versions: readonly FixedTerms[];
  steps: { version: number; seats: number; at: number }[];
}): TermsChange[] {
  const span = s.period.end.getTime() - s.period.start.getTime();
  const instants = s.steps.map((step) => s.period.start.getTime() + 1 + Math.floor(step.at * (span - 2)));
  const ordered = [...new Set(instants)].sort((a, b) => a - b);
  return ordered.map((at, index) => ({
    at: new Date(at),
    to: { fixed: s.versions[s.steps[index].version], seats: s.steps[index].seats },
  }));
}
