import Decimal from 'decimal.js';
import { prorateRemaining, prorationSeconds, remainingFraction, usedFraction } from './proration';

const utc = (iso: string) => new Date(`${iso}Z`);
const april = { start: utc('2026-04-01T00:00:00'), end: utc('2026-05-01T00:00:00') };

describe('prorationSeconds', () => {
  it('splits the period in whole seconds', () => {
    expect(prorationSeconds(april, utc('2026-04-11T00:00:00'))).toEqual({
      periodSeconds: 30 * 86_400,
      usedSeconds: 10 * 86_400,
      remainingSeconds: 20 * 86_400,
    });
  });

  it('floors every instant to the second', () => {
    const period = { start: utc('2026-04-01T00:00:00.999'), end: utc('2026-04-01T00:00:10.500') };
    expect(prorationSeconds(period, utc('2026-04-01T00:00:03.999'))).toEqual({
      periodSeconds: 10,
      usedSeconds: 3,
      remainingSeconds: 7,
    });
  });

  it('clamps an instant outside the period', () => {
    expect(prorationSeconds(april, utc('2026-03-01T00:00:00')).remainingSeconds).toBe(30 * 86_400);
    expect(prorationSeconds(april, utc('2026-06-01T00:00:00')).remainingSeconds).toBe(0);
  });

  it('refuses an empty or inverted period and invalid dates', () => {
    const at = utc('2026-04-01T00:00:00');
    expect(() => prorationSeconds({ start: at, end: at }, at)).toThrow(RangeError);
    expect(() => prorationSeconds({ start: at, end: new Date(at.getTime() + 999) }, at)).toThrow(RangeError);
    expect(() => prorationSeconds({ start: april.end, end: april.start }, at)).toThrow(RangeError);
    expect(() => prorationSeconds(april, new Date(Number.NaN))).toThrow(RangeError);
    expect(() => prorationSeconds({ start: new Date(Number.NaN), end: april.end }, at)).toThrow(RangeError);
  });
});

describe('remainingFraction and usedFraction', () => {
  it('add up to one', () => {
    const at = utc('2026-04-11T00:00:00');
    expect(remainingFraction(april, at).toFixed(3)).toBe('0.667');
    expect(usedFraction(april, at).toFixed(3)).toBe('0.333');
    expect(remainingFraction(april, at).plus(usedFraction(april, at)).toFixed(50)).toBe(`1.${'0'.repeat(50)}`);
  });

  it('are 1 and 0 at the start, 0 and 1 at the end', () => {
    expect(remainingFraction(april, april.start).toFixed()).toBe('1');
    expect(usedFraction(april, april.start).toFixed()).toBe('0');
    expect(remainingFraction(april, april.end).toFixed()).toBe('0');
    expect(usedFraction(april, april.end).toFixed()).toBe('1');
  });

  it('is 15/29 on 2028-02-15 in leap February', () => {
    const february = { start: utc('2028-02-01T00:00:00'), end: utc('2028-03-01T00:00:00') };
    expect(remainingFraction(february, utc('2028-02-15T00:00:00')).times(29).toFixed(40)).toBe(`15.${'0'.repeat(40)}`);
  });
});

describe('prorateRemaining', () => {
  it('keeps an exact half minor unit exact', () => {
    // 1.65 × 1 day / 30 days = 0.055 exactly; times the 60-digit fraction 0.0333… it falls just short of it.
    const lastDay = utc('2026-04-30T00:00:00');
    expect(prorateRemaining(new Decimal('1.65'), april, lastDay).toFixed()).toBe('0.055');
    expect(remainingFraction(april, lastDay).times('1.65').lt('0.055')).toBe(true);
    // 0.03 × 5/30 = 0.005 exactly; the rounded-up fraction 0.1666…7 lands just above it.
    const fiveDaysLeft = utc('2026-04-26T00:00:00');
    expect(prorateRemaining(new Decimal('0.03'), april, fiveDaysLeft).toFixed()).toBe('0.005');
    expect(remainingFraction(april, fiveDaysLeft).times('0.03').gt('0.005')).toBe(true);
  });
});
