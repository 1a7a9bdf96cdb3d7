import type { BillingInterval, BillingPeriod } from '@warbler/shared/pricing';
import { periodFrom } from './billing-periods';

const utc = (iso: string) => new Date(`${iso}Z`);

/** The periods a subscription anchored at `anchor` goes through, starting with its first. */
function periods(anchor: Date, interval: BillingInterval, count: number): BillingPeriod[] {
  const list = [periodFrom(anchor, interval, anchor)];
  while (list.length < count) list.push(periodFrom(list[list.length - 1].end, interval, anchor));
  return list;
}

describe('periodFrom', () => {
  it('keeps a month-end anchor through short months, and its time of day', () => {
    expect(periods(utc('2026-01-31T10:00:00'), 'MONTH', 4).map((period) => period.end)).toEqual([
      utc('2026-02-28T10:00:00'),
      utc('2026-03-31T10:00:00'),
      utc('2026-04-30T10:00:00'),
      utc('2026-05-31T10:00:00'),
    ]);
  });

  it('goes back to a leap day anchor in each leap year, one yearly period after another', () => {
    expect(periods(utc('2024-02-29T00:00:00'), 'YEAR', 4).map((period) => period.end)).toEqual([
      utc('2025-02-28T00:00:00'),
      utc('2026-02-28T00:00:00'),
      utc('2027-02-28T00:00:00'),
      utc('2028-02-29T00:00:00'),
    ]);
  });

  it('starts each period where the previous one ended', () => {
    const list = periods(utc('2026-03-10T00:00:00'), 'MONTH', 3);
    expect(list[1].start).toEqual(list[0].end);
    expect(list[2]).toEqual({ start: utc('2026-05-10T00:00:00'), end: utc('2026-06-10T00:00:00') });
  });
});
