import { formatEstimate, formatQuantity } from './quantity';

describe('formatQuantity', () => {
  it('groups the integer part the way the locale does', () => {
    expect(formatQuantity('1234567', 'en-US')).toBe('1,234,567');
    expect(formatQuantity('1234567', 'de-DE')).toBe('1.234.567');
  });

  it('keeps every digit of values beyond float precision', () => {
    expect(formatQuantity('123456789012345678901.000000000000000001', 'en-US')).toBe(
      '123,456,789,012,345,678,901.000000000000000001',
    );
  });

  it('drops trailing zeros of the fraction and uses the locale decimal mark', () => {
    expect(formatQuantity('12.500', 'de-DE')).toBe('12,5');
    expect(formatQuantity('12.000', 'en-US')).toBe('12');
  });

  it('leaves anything that is not a decimal as it came', () => {
    expect(formatQuantity('n/a', 'en-US')).toBe('n/a');
  });
});

describe('formatEstimate', () => {
  it('rounds large estimates to whole units, half up', () => {
    expect(formatEstimate('2933647.951765317019', 'en-US')).toBe('2,933,648');
    expect(formatEstimate('18766.5', 'en-US')).toBe('18,767');
    expect(formatEstimate('284.277660155149', 'en-US')).toBe('284');
  });

  it('keeps two decimals for small ones, without trailing zeros', () => {
    expect(formatEstimate('12.3456', 'en-US')).toBe('12.35');
    expect(formatEstimate('0.999', 'en-US')).toBe('1');
    expect(formatEstimate('7.10', 'de-DE')).toBe('7,1');
    expect(formatEstimate('-0.001', 'en-US')).toBe('0');
  });
});
