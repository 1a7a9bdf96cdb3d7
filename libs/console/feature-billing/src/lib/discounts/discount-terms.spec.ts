import { discountAmount, discountDuration, periodsLeftText } from './discount-terms';

describe('discount terms', () => {
  it('says what a discount takes off', () => {
    expect(discountAmount({ kind: 'PERCENTAGE', percentOff: '12.5000', duration: 'ONCE' }, 'en-US')).toBe('12.5% off');
    expect(
      discountAmount({ kind: 'FIXED_AMOUNT', amountOffMinor: '1000', currency: 'USD', duration: 'ONCE' }, 'en-US'),
    ).toBe('$10.00 off');
  });

  it('says for how long', () => {
    expect(discountDuration({ kind: 'PERCENTAGE', duration: 'ONCE' })).toBe('once');
    expect(discountDuration({ kind: 'PERCENTAGE', duration: 'REPEATING', durationPeriods: 3 })).toBe('for 3 periods');
    expect(discountDuration({ kind: 'PERCENTAGE', duration: 'REPEATING', durationPeriods: 1 })).toBe('for 1 period');
    expect(discountDuration({ kind: 'PERCENTAGE', duration: 'FOREVER' })).toBe('forever');
  });

  it('says which invoices it still applies to', () => {
    expect(periodsLeftText(null)).toBe('Every invoice');
    expect(periodsLeftText(1)).toBe('The next invoice');
    expect(periodsLeftText(3)).toBe('The next 3 invoices');
  });
});
