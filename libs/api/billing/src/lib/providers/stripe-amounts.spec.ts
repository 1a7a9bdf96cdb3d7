import { stripeAmount, stripeCurrency, stripeUnitAmountDecimal, unixSeconds } from './stripe-amounts';

describe('amounts in Stripe’s terms', () => {
  it('keeps minor units as they are, and refuses what a JavaScript number cannot hold exactly', () => {
    expect(stripeAmount(123_456n)).toBe(123_456);
    expect(stripeAmount(-500n)).toBe(-500);
    expect(() => stripeAmount(2n ** 60n)).toThrow(RangeError);
  });

  it('turns a decimal unit price into minor units of its currency, exactly', () => {
    expect(stripeUnitAmountDecimal('12.5', 'USD')).toBe('1250');
    expect(stripeUnitAmountDecimal('0.0004', 'USD')).toBe('0.04');
    expect(stripeUnitAmountDecimal('1500', 'JPY')).toBe('1500');
    expect(stripeUnitAmountDecimal('1.2345', 'KWD')).toBe('1234.5');
  });

  it('writes currencies in lower case and times in whole seconds', () => {
    expect(stripeCurrency('EUR')).toBe('eur');
    expect(unixSeconds(new Date('2026-03-01T00:00:00.999Z'))).toBe(1772323200);
  });
});
