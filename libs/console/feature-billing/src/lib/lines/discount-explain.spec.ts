import { explainLine } from './line-explain';

const format = { locale: 'en-US', timeZone: 'UTC' };

describe('explainLine for discounts', () => {
  it('explains a percentage from the base it applied to, its rounding and the periods left', () => {
    const facts = explainLine(
      {
        kind: 'DISCOUNT',
        amountMinor: '-1219',
        explain: {
          redemptionId: 'r-1',
          couponId: 'c-1',
          couponCode: 'SPRING25',
          kind: 'PERCENTAGE',
          percentOff: '25',
          amountOffMinor: null,
          currency: 'USD',
          baseMinor: '4875',
          unroundedAmount: '12.1875',
          duration: 'REPEATING',
          periodsLeft: 2,
        },
      },
      'USD',
      format,
    );
    expect(facts).toEqual([
      { label: 'Coupon', value: 'SPRING25' },
      { label: 'Discount', value: '25% off' },
      { label: 'Applied to', value: '$48.75: the subtotal left before this discount' },
      { label: 'Before rounding', value: '$12.1875, rounded half-even once' },
      { label: 'Duration', value: 'Repeating: a number of period invoices' },
      { label: 'Periods left', value: '2' },
      { label: 'Discounted', value: '-$12.19' },
    ]);
  });

  it('says when a fixed amount was capped at what was left, and when it was the last period', () => {
    const facts = explainLine(
      {
        kind: 'DISCOUNT',
        amountMinor: '-600',
        explain: {
          couponCode: 'WELCOME10',
          kind: 'FIXED_AMOUNT',
          percentOff: null,
          amountOffMinor: '1000',
          baseMinor: '600',
          unroundedAmount: null,
          duration: 'ONCE',
          periodsLeft: 0,
        },
      },
      'USD',
      format,
    );
    expect(facts).toContainEqual({ label: 'Discount', value: '$10.00 off' });
    expect(facts).toContainEqual({
      label: 'Capped',
      value: 'The amount is more than was left: the invoice never goes below zero',
    });
    expect(facts).toContainEqual({ label: 'Periods left', value: 'None: this was its last' });
    expect(facts).not.toContainEqual(expect.objectContaining({ label: 'Before rounding' }));
  });
});
