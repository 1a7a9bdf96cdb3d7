import type { PeriodCharges } from './period-lines';
import { periodLines } from './period-lines';

const utc = (iso: string) => new Date(`${iso}Z`);
/** April 2026: 30 days. */
const april = { start: utc('2026-04-01T00:00:00'), end: utc('2026-05-01T00:00:00') };

const charges: PeriodCharges = {
  fixed: {
    planVersionId: 'pv-1',
    label: 'Team v1',
    currency: 'USD',
    baseFeeMinor: '4900',
    seatUnitPrice: '8',
    includedSeats: 2,
  },
  seats: 5,
  usage: {
    planVersionId: 'pv-1',
    currency: 'USD',
    charges: [{ metricCode: 'messages', model: 'PER_UNIT', unitPrice: '0.01', includedUnits: '0' }],
  },
  usageTotals: new Map([['messages', '150']]),
  metricNames: new Map([['messages', 'Messages']]),
};
const summary = (trialEndsAt: Date | null) =>
  periodLines(charges, april, trialEndsAt).map((line) => [line.kind, line.description, line.amountMinor]);

describe('the lines of a period', () => {
  it('charges fixed fees, then usage, without a trial', () => {
    // Base 49.00; seats (5 − 2) × 8.00 = 24.00; messages 150 × 0.01 = 1.50.
    expect(summary(null)).toEqual([
      ['BASE_FEE', 'Team v1 base fee', 4900n],
      ['SEATS', 'Seats above 2 included (3 × 8.00)', 2400n],
      ['USAGE', 'Messages (150 × 0.01)', 150n],
    ]);
  });

  it('charges fixed fees in full once the trial ended before the period began', () => {
    expect(summary(utc('2026-04-01T00:00:00'))).toEqual(summary(null));
  });

  it('charges no fixed fees for a period that ends on or before the trial’s end, but still bills usage', () => {
    expect(summary(utc('2026-05-01T00:00:00'))).toEqual([['USAGE', 'Messages (150 × 0.01)', 150n]]);
    expect(summary(utc('2026-06-01T00:00:00'))).toEqual([['USAGE', 'Messages (150 × 0.01)', 150n]]);
  });

  it('prorates the fixed fees by seconds after a trial that ends inside the period', () => {
    // The trial ends April 16 00:00: 15 of 30 days remain. Base 49.00 × 1/2 = 24.50; seats 24.00 × 1/2 = 12.00.
    const lines = periodLines(charges, april, utc('2026-04-16T00:00:00'));
    expect(lines.map((line) => [line.kind, line.description, line.amountMinor])).toEqual([
      ['PRORATION_CHARGE', 'Remaining time on Team v1 base fee (1/2 of the period)', 2450n],
      ['PRORATION_CHARGE', 'Remaining time on Team v1 seats above 2 included (1/2 of the period, 3 × 8.00)', 1200n],
      ['USAGE', 'Messages (150 × 0.01)', 150n],
    ]);
    expect(lines[0]).toMatchObject({
      periodStart: utc('2026-04-16T00:00:00'),
      periodEnd: april.end,
      explain: { trialEndsAt: '2026-04-16T00:00:00.000Z', remainingSeconds: 1_296_000, periodSeconds: 2_592_000 },
    });
  });
});
