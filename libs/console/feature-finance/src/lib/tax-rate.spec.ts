import { parseTaxRate, plainPercent } from './tax-rate';

describe('parseTaxRate', () => {
  it('takes a percent with up to four decimals, or nothing for no tax', () => {
    expect(parseTaxRate('20')).toEqual({ ok: true, taxRatePercent: '20' });
    expect(parseTaxRate(' 7.625 % ')).toEqual({ ok: true, taxRatePercent: '7.625' });
    expect(parseTaxRate('0')).toEqual({ ok: true, taxRatePercent: '0' });
    expect(parseTaxRate('100.0000')).toEqual({ ok: true, taxRatePercent: '100.0000' });
    expect(parseTaxRate('')).toEqual({ ok: true, taxRatePercent: null });
  });

  it('refuses what the API would', () => {
    expect(parseTaxRate('7.62501')).toEqual({
      ok: false,
      problem: 'Enter a percent like 20 or 7.625, with at most four decimals',
    });
    expect(parseTaxRate('-5')).toMatchObject({ ok: false });
    expect(parseTaxRate('twenty')).toMatchObject({ ok: false });
    expect(parseTaxRate('100.01')).toEqual({ ok: false, problem: 'A tax rate is at most 100%' });
    expect(parseTaxRate('101')).toEqual({ ok: false, problem: 'A tax rate is at most 100%' });
  });
});

describe('plainPercent', () => {
  it('drops the zeros the database pads a rate with', () => {
    expect(plainPercent('20.0000')).toBe('20');
    expect(plainPercent('7.6250')).toBe('7.625');
    expect(plainPercent('100')).toBe('100');
    expect(plainPercent('0.0000')).toBe('0');
  });
});
