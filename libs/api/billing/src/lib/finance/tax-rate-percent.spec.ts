import { parseTaxRatePercent } from './tax-rate-percent';

describe('tax rates', () => {
  it.each([
    ['0', '0'],
    ['20', '20'],
    ['7.5', '7.5'],
    ['7.6250', '7.625'],
    ['0.0001', '0.0001'],
    ['100', '100'],
    ['100.0000', '100'],
  ])('takes %s as %s', (raw, canonical) => {
    expect(parseTaxRatePercent(raw)).toBe(canonical);
  });

  it('takes null as no tax', () => {
    expect(parseTaxRatePercent(null)).toBeNull();
  });

  it.each(['', '-1', '100.0001', '101', '20.12345', '1e1', '20%', '.5', '5.', 'abc', '020', ' 20'])(
    'refuses %j with BAD_USER_INPUT',
    (raw) => {
      expect(() => parseTaxRatePercent(raw)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_TAX_RATE' }),
      );
    },
  );
});
