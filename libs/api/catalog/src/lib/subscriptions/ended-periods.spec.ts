import { rollPeriodForward } from '@warbler/shared/pricing';
import { periodsEndedBy } from './ended-periods';

const utc = (iso: string) => new Date(`${iso}Z`);

describe('periodsEndedBy', () => {
  it('lists nothing while the period runs', () => {
    const current = { start: utc('2026-03-10T00:00:00'), end: utc('2026-04-10T00:00:00') };
    expect(periodsEndedBy(current, 'MONTH', utc('2026-04-09T23:59:59'))).toEqual({ ended: [], next: current });
  });

  it('ends a period exactly at its end', () => {
    const current = { start: utc('2026-03-10T00:00:00'), end: utc('2026-04-10T00:00:00') };
    expect(periodsEndedBy(current, 'MONTH', utc('2026-04-10T00:00:00'))).toEqual({
      ended: [current],
      next: { start: utc('2026-04-10T00:00:00'), end: utc('2026-05-10T00:00:00') },
    });
  });

  it('lists each missed period and keeps a month-end anchor through short months', () => {
    const current = { start: utc('2026-01-31T10:00:00'), end: utc('2026-02-28T10:00:00') };
    const at = utc('2026-05-15T00:00:00');
    const { ended, next } = periodsEndedBy(current, 'MONTH', at);
    expect(ended).toEqual([
      current,
      { start: utc('2026-02-28T10:00:00'), end: utc('2026-03-31T10:00:00') },
      { start: utc('2026-03-31T10:00:00'), end: utc('2026-04-30T10:00:00') },
    ]);
    expect(next).toEqual(rollPeriodForward(current, 'MONTH', at));
  });

  it('keeps a leap day anchor across yearly periods, as the rollover does', () => {
    const current = { start: utc('2024-02-29T00:00:00'), end: utc('2025-02-28T00:00:00') };
    const at = utc('2028-03-01T00:00:00');
    const { ended, next } = periodsEndedBy(current, 'YEAR', at);
    expect(ended.map((period) => period.end)).toEqual([
      utc('2025-02-28T00:00:00'),
      utc('2026-02-28T00:00:00'),
      utc('2027-02-28T00:00:00'),
      utc('2028-02-29T00:00:00'),
    ]);
    expect(next).toEqual(rollPeriodForward(current, 'YEAR', at));
  });
});
