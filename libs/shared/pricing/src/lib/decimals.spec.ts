import { normalizeDecimal, parseTermsDecimal } from './decimals';

describe('terms decimals', () => {
  it.each([
    ['1.50e1', '15'],
    ['0.010', '0.01'],
    [' 7 ', '7'],
    ['.5', '0.5'],
    ['-3', '-3'],
    ['1E+3', '1000'],
  ])('normalizes %j to %j', (raw, expected) => {
    expect(normalizeDecimal(raw)).toBe(expected);
  });

  it('keeps more precision than a float', () => {
    expect(normalizeDecimal('0.100000000001')).toBe('0.100000000001');
    expect(normalizeDecimal('12345678901234567890.5')).toBe('12345678901234567890.5');
  });

  it.each(['NaN', '-Infinity', '0b101', '1e', 'e5', '--1', '1.2.3'])('refuses %j', (raw) => {
    expect(parseTermsDecimal(raw).ok).toBe(false);
    expect(() => normalizeDecimal(raw)).toThrow(RangeError);
  });
});
