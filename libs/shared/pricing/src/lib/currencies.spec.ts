import { isSupportedCurrency, minorUnitsOf, SUPPORTED_CURRENCIES } from './currencies';

describe('currencies', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['CHF', 2],
    ['CAD', 2],
    ['AUD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['OMR', 3],
    ['SEK', 2],
    ['NOK', 2],
    ['DKK', 2],
    ['INR', 2],
    ['BRL', 2],
    ['SGD', 2],
  ])('%s has %i minor-unit digits', (currency, digits) => {
    expect(isSupportedCurrency(currency)).toBe(true);
    expect(minorUnitsOf(currency)).toBe(digits);
  });

  it.each(['usd', 'XXX', 'BTC', '', 'toString', '__proto__'])('refuses %j', (currency) => {
    expect(isSupportedCurrency(currency)).toBe(false);
    expect(() => minorUnitsOf(currency)).toThrow(RangeError);
  });

  it('lists only ISO codes', () => {
    for (const code of SUPPORTED_CURRENCIES) expect(code).toMatch(/^[A-Z]{3}$/);
  });
});
