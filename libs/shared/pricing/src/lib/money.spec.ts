import Decimal from 'decimal.js';
import { formatMinor, minorToMajor, PricingDecimal, roundToMinor } from './money';

const round = (major: string, currency = 'USD') => roundToMinor(new Decimal(major), currency);

describe('roundToMinor', () => {
  it.each([
    ['0.125', 12n],
    ['0.135', 14n],
    ['0.1250000001', 13n],
    ['0.1349999999', 13n],
    ['-0.125', -12n],
    ['-0.135', -14n],
    ['1234.56', 123456n],
    ['0.004', 0n],
    ['-0.004', 0n],
  ])('rounds %s USD half-even to %p', (major, minor) => {
    expect(round(major)).toBe(minor);
  });

  it('rounds to whole yen and to thousandths of a dinar', () => {
    expect(round('2.5', 'JPY')).toBe(2n);
    expect(round('3.5', 'JPY')).toBe(4n);
    expect(round('1.2345', 'KWD')).toBe(1234n);
    expect(round('1.2355', 'KWD')).toBe(1236n);
  });

  it('keeps digits beyond the global precision of 20', () => {
    expect(round('123456789012345678.125')).toBe(12345678901234567812n);
    expect(round('0.005000000000000000000000000001')).toBe(1n);
  });

  it('leaves the global Decimal configuration alone', () => {
    expect(Decimal.precision).toBe(20);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
    expect(PricingDecimal.precision).toBe(60);
  });

  it('refuses an unsupported currency and a non-finite amount', () => {
    expect(() => round('1', 'ZZZ')).toThrow(RangeError);
    expect(() => round('NaN')).toThrow(RangeError);
    expect(() => round('Infinity')).toThrow(RangeError);
  });
});

describe('formatMinor', () => {
  it.each([
    [123456n, 'USD', '1234.56'],
    [-5n, 'USD', '-0.05'],
    [0n, 'USD', '0.00'],
    [100n, 'EUR', '1.00'],
    [500n, 'JPY', '500'],
    [-500n, 'JPY', '-500'],
    [1234n, 'KWD', '1.234'],
    [7n, 'KWD', '0.007'],
    [9223372036854775807n, 'USD', '92233720368547758.07'],
  ])('%p %s → %j', (minor, currency, text) => {
    expect(formatMinor(minor, currency)).toBe(text);
  });

  it('refuses an unsupported currency', () => {
    expect(() => formatMinor(1n, 'usd')).toThrow(RangeError);
  });
});

describe('minorToMajor', () => {
  it('is exact in every exponent', () => {
    expect(minorToMajor(123456n, 'USD').toFixed()).toBe('1234.56');
    expect(minorToMajor(-1n, 'KWD').toFixed()).toBe('-0.001');
    expect(minorToMajor(500n, 'JPY').toFixed()).toBe('500');
    expect(minorToMajor(9223372036854775807n, 'USD').toFixed()).toBe('92233720368547758.07');
  });

  it('round-trips through roundToMinor', () => {
    for (const minor of [0n, 1n, -1n, 99n, 123456789n]) {
      expect(roundToMinor(minorToMajor(minor, 'KWD'), 'KWD')).toBe(minor);
    }
  });
});
