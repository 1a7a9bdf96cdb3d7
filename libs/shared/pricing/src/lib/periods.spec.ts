import { nextPeriodEnd, periodContaining, rollPeriodForward } from './periods';

const utc = (iso: string) => new Date(`${iso}Z`);

describe('nextPeriodEnd', () => {
  it('adds a month keeping the time of day', () => {
    expect(nextPeriodEnd(utc('2026-03-15T10:30:00.250'), 'MONTH')).toEqual(utc('2026-04-15T10:30:00.250'));
  });

  it('crosses the year boundary', () => {
    expect(nextPeriodEnd(utc('2026-12-10T00:00:00'), 'MONTH')).toEqual(utc('2027-01-10T00:00:00'));
  });

  it('clamps an end-of-month anchor to February and returns to the 31st after', () => {
    const first = nextPeriodEnd(utc('2027-01-31T00:00:00'), 'MONTH');
    expect(first).toEqual(utc('2027-02-28T00:00:00'));
    const second = nextPeriodEnd(first, 'MONTH', 31);
    expect(second).toEqual(utc('2027-03-31T00:00:00'));
    expect(nextPeriodEnd(second, 'MONTH', 31)).toEqual(utc('2027-04-30T00:00:00'));
  });

  it('clamps to February 29 in a leap year', () => {
    expect(nextPeriodEnd(utc('2028-01-31T08:00:00'), 'MONTH')).toEqual(utc('2028-02-29T08:00:00'));
    expect(nextPeriodEnd(utc('2028-01-30T08:00:00'), 'MONTH')).toEqual(utc('2028-02-29T08:00:00'));
    expect(nextPeriodEnd(utc('2028-01-29T08:00:00'), 'MONTH')).toEqual(utc('2028-02-29T08:00:00'));
  });

  it('without an anchor, a clamped start keeps its own day', () => {
    expect(nextPeriodEnd(utc('2027-02-28T00:00:00'), 'MONTH')).toEqual(utc('2027-03-28T00:00:00'));
  });

  it('adds a year; February 29 becomes February 28 then returns in the next leap year', () => {
    expect(nextPeriodEnd(utc('2026-05-01T00:00:00'), 'YEAR')).toEqual(utc('2027-05-01T00:00:00'));
    const end = nextPeriodEnd(utc('2028-02-29T00:00:00'), 'YEAR');
    expect(end).toEqual(utc('2029-02-28T00:00:00'));
    expect(nextPeriodEnd(utc('2031-02-28T00:00:00'), 'YEAR', 29)).toEqual(utc('2032-02-29T00:00:00'));
  });

  it.each([0, 32, 1.5])('refuses anchor day %p', (anchorDay) => {
    expect(() => nextPeriodEnd(utc('2026-01-01T00:00:00'), 'MONTH', anchorDay)).toThrow(RangeError);
  });

  it('refuses an invalid date', () => {
    expect(() => nextPeriodEnd(new Date(Number.NaN), 'MONTH')).toThrow(RangeError);
  });
});

describe('periodContaining', () => {
  const anchor = utc('2027-01-31T12:00:00');

  it('is the first period at the anchor itself', () => {
    expect(periodContaining(anchor, 'MONTH', anchor)).toEqual({
      start: utc('2027-01-31T12:00:00'),
      end: utc('2027-02-28T12:00:00'),
    });
  });

  it('starts a new period exactly at the previous end (end exclusive)', () => {
    expect(periodContaining(anchor, 'MONTH', utc('2027-02-28T12:00:00'))).toEqual({
      start: utc('2027-02-28T12:00:00'),
      end: utc('2027-03-31T12:00:00'),
    });
    expect(periodContaining(anchor, 'MONTH', utc('2027-02-28T11:59:59.999')).start).toEqual(anchor);
  });

  it('skips many periods and restores the anchor day after short months', () => {
    expect(periodContaining(anchor, 'MONTH', utc('2028-03-01T00:00:00'))).toEqual({
      start: utc('2028-02-29T12:00:00'),
      end: utc('2028-03-31T12:00:00'),
    });
  });

  it('handles a time of day before the anchor time within the boundary day', () => {
    expect(periodContaining(anchor, 'MONTH', utc('2027-05-31T11:00:00'))).toEqual({
      start: utc('2027-04-30T12:00:00'),
      end: utc('2027-05-31T12:00:00'),
    });
  });

  it('extrapolates before the anchor', () => {
    expect(periodContaining(anchor, 'MONTH', utc('2026-12-01T00:00:00'))).toEqual({
      start: utc('2026-11-30T12:00:00'),
      end: utc('2026-12-31T12:00:00'),
    });
  });

  it('works on yearly periods across leap days', () => {
    const leap = utc('2028-02-29T00:00:00');
    expect(periodContaining(leap, 'YEAR', utc('2030-06-01T00:00:00'))).toEqual({
      start: utc('2030-02-28T00:00:00'),
      end: utc('2031-02-28T00:00:00'),
    });
    expect(periodContaining(leap, 'YEAR', utc('2032-03-01T00:00:00'))).toEqual({
      start: utc('2032-02-29T00:00:00'),
      end: utc('2033-02-28T00:00:00'),
    });
  });

  it('always contains the instant, over every day of four years', () => {
    for (let day = 0; day < 4 * 366; day += 1) {
      const at = new Date(anchor.getTime() + day * 86_400_000 + 3_600_000 * (day % 24));
      const { start, end } = periodContaining(anchor, 'MONTH', at);
      expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
      expect(end.getTime()).toBeGreaterThan(at.getTime());
    }
  });
});

describe('rollPeriodForward', () => {
  const current = { start: utc('2027-01-31T09:00:00'), end: utc('2027-02-28T09:00:00') };

  it('keeps a period that has not ended', () => {
    expect(rollPeriodForward(current, 'MONTH', utc('2027-02-28T08:59:59'))).toBe(current);
  });

  it('moves to the next period exactly at the end, back on the anchor day', () => {
    expect(rollPeriodForward(current, 'MONTH', utc('2027-02-28T09:00:00'))).toEqual({
      start: utc('2027-02-28T09:00:00'),
      end: utc('2027-03-31T09:00:00'),
    });
  });

  it('skips every missed period to the one containing the instant', () => {
    expect(rollPeriodForward(current, 'MONTH', utc('2027-07-15T00:00:00'))).toEqual({
      start: utc('2027-06-30T09:00:00'),
      end: utc('2027-07-31T09:00:00'),
    });
  });

  it('rolls yearly periods', () => {
    const yearly = { start: utc('2026-03-01T00:00:00'), end: utc('2027-03-01T00:00:00') };
    expect(rollPeriodForward(yearly, 'YEAR', utc('2029-01-01T00:00:00'))).toEqual({
      start: utc('2028-03-01T00:00:00'),
      end: utc('2029-03-01T00:00:00'),
    });
  });
});
