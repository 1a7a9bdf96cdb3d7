import { formatMinor, toMajorUnits, toMinorUnits } from './money';

describe('money', () => {
  it("converts major units to minor units with the currency's exponent", () => {
    expect(toMinorUnits('12.5', 'USD')).toBe('1250');
    expect(toMinorUnits('1200', 'JPY')).toBe('1200');
    expect(toMinorUnits('1.234', 'KWD')).toBe('1234');
  });

  it('refuses amounts finer than the minor unit, negative or not numbers', () => {
    expect(toMinorUnits('0.001', 'USD')).toBeNull();
    expect(toMinorUnits('12.5', 'JPY')).toBeNull();
    expect(toMinorUnits('-1', 'USD')).toBeNull();
    expect(toMinorUnits('ten', 'USD')).toBeNull();
  });

  it('keeps every digit of large fees', () => {
    expect(toMinorUnits('92233720368547758.07', 'USD')).toBe('9223372036854775807');
    expect(toMajorUnits('9223372036854775807', 'USD')).toBe('92233720368547758.07');
  });

  it('formats minor units as money', () => {
    expect(formatMinor('123456', 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMinor('1200', 'JPY', 'en-US')).toBe('¥1,200');
  });
});
