import { checkCouponDraft, type CouponDraft } from './coupon-draft';

const draft = (overrides: Partial<CouponDraft> = {}): CouponDraft => ({
  code: 'spring25',
  name: ' Spring sale ',
  kind: 'PERCENTAGE',
  percentOff: '25',
  amountOff: '',
  currency: 'USD',
  duration: 'ONCE',
  durationPeriods: '',
  planIds: [],
  maxRedemptions: '',
  redeemBy: '',
  ...overrides,
});
const now = new Date('2026-11-23T12:00:00Z');

describe('checkCouponDraft', () => {
  it('turns a percentage coupon into the API request', () => {
    expect(checkCouponDraft(draft(), now)).toEqual({
      ok: true,
      input: {
        code: 'SPRING25',
        name: 'Spring sale',
        kind: 'PERCENTAGE',
        percentOff: '25',
        amountOffMinor: null,
        currency: null,
        duration: 'ONCE',
        durationPeriods: null,
        planIds: null,
        maxRedemptions: null,
        redeemBy: null,
      },
    });
  });

  it('turns a fixed amount, repeating, limited coupon into minor units, periods and an end of day', () => {
    const checked = checkCouponDraft(
      draft({
        kind: 'FIXED_AMOUNT',
        amountOff: '12.50',
        currency: 'eur',
        duration: 'REPEATING',
        durationPeriods: '3',
        planIds: ['p-1'],
        maxRedemptions: '100',
        redeemBy: '2026-12-31',
      }),
      now,
    );
    expect(checked).toEqual({
      ok: true,
      input: expect.objectContaining({
        percentOff: null,
        amountOffMinor: '1250',
        currency: 'EUR',
        durationPeriods: 3,
        planIds: ['p-1'],
        maxRedemptions: 100,
        redeemBy: '2027-01-01T00:00:00.000Z',
      }),
    });
  });

  it('names every field that is wrong', () => {
    const checked = checkCouponDraft(
      draft({
        code: 'x',
        name: ' ',
        percentOff: '101',
        duration: 'REPEATING',
        durationPeriods: '0',
        maxRedemptions: '-1',
        redeemBy: '2026-11-22',
      }),
      now,
    );
    expect(checked.ok).toBe(false);
    expect(Object.keys(checked.ok ? {} : checked.problems).sort()).toEqual(
      ['code', 'durationPeriods', 'maxRedemptions', 'name', 'percentOff', 'redeemBy'].sort(),
    );
  });

  it('refuses an amount finer than the currency', () => {
    const checked = checkCouponDraft(draft({ kind: 'FIXED_AMOUNT', amountOff: '10.5', currency: 'JPY' }), now);
    expect(checked).toEqual({ ok: false, problems: { amountOff: 'Too many decimals for JPY' } });
  });
});
