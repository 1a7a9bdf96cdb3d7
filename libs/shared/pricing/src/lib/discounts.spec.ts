import { type DiscountTerms, discountLines, parsePercentOff, periodsLeftAfter } from './discounts';
import type { FixedTerms } from './invoice-composition';
import { composePeriodInvoice, type PeriodInvoice } from './period-invoice';
import type { BillingPeriod } from './periods';

/*
 * Discounts worked out by hand; the arithmetic sits next to each expectation. Each discount applies to
 * what the lines before it (and the discounts before it) left, is rounded once, half-even, and tax
 * comes after, on the discounted subtotal.
 */

const utc = (iso: string) => new Date(`${iso}Z`);
const month = (n: number): BillingPeriod => ({
  start: utc(`2026-0${n}-01T00:00:00`),
  end: utc(`2026-0${n + 1}-01T00:00:00`),
});

const team: FixedTerms = {
  planVersionId: 'pv-team',
  label: 'Team v1',
  currency: 'USD',
  baseFeeMinor: '4900',
  seatUnitPrice: '8',
  includedSeats: 5,
};

const coupon = (overrides: Partial<DiscountTerms> = {}): DiscountTerms => ({
  redemptionId: 'r-1',
  couponId: 'c-1',
  couponCode: 'SPRING25',
  couponName: 'Spring sale',
  kind: 'PERCENTAGE',
  percentOff: '25',
  amountOffMinor: null,
  currency: null,
  duration: 'FOREVER',
  periodsLeft: null,
  ...overrides,
});
const tenOff = (overrides: Partial<DiscountTerms> = {}) =>
  coupon({
    couponCode: 'WELCOME10',
    couponName: 'Welcome',
    kind: 'FIXED_AMOUNT',
    percentOff: null,
    amountOffMinor: '1000',
    currency: 'USD',
    ...overrides,
  });

/** Team v1 with 7 seats: 49.00 base + 2 × 8.00 seats = 65.00 a month, taxed at 10 %. */
const invoiceOf = (period: BillingPeriod, discounts: DiscountTerms[]): PeriodInvoice =>
  composePeriodInvoice({
    period,
    startTerms: { fixed: team, seats: 7 },
    changes: [],
    trialEndsAt: null,
    usage: { planVersionId: 'pv-team', currency: 'USD', charges: [] },
    usageTotals: new Map(),
    taxRatePercent: '10',
    discounts,
  });

/**
 * Four monthly invoices, the discount counted down as period close counts it: applied while it has
 * periods left, one fewer after each. Returns each month's discount line amount (null: none) and total.
 */
function series(discount: DiscountTerms) {
  let terms: DiscountTerms | null = discount;
  return [1, 2, 3, 4].map((n) => {
    const invoice = invoiceOf(month(n), terms ? [terms] : []);
    const line = invoice.lines.find((candidate) => candidate.kind === 'DISCOUNT');
    const left = terms ? periodsLeftAfter(terms) : null;
    const periodsLeft = line ? line.explain['periodsLeft'] : undefined;
    if (terms) terms = left === 0 ? null : { ...terms, periodsLeft: left };
    return { discount: line?.amountMinor ?? null, periodsLeft, total: invoice.totals.totalMinor };
  });
}

describe('discount lines', () => {
  describe('each type and duration over four periods', () => {
    // Undiscounted: 65.00 + 10 % tax 6.50 = 71.50.
    // 25 % of 65.00 = 16.25 → subtotal 48.75, tax 4.875 → 4.88 (half-even: 4.875 → 4.88), total 53.63.
    const percentMonth = { discount: -1625n, total: 5363n };
    // 10.00 off 65.00 → 55.00, tax 5.50, total 60.50.
    const fixedMonth = { discount: -1000n, total: 6050n };
    const plain = { discount: null, periodsLeft: undefined, total: 7150n };

    it('percentage, once: the first invoice only', () => {
      expect(series(coupon({ duration: 'ONCE', periodsLeft: 1 }))).toEqual([
        { ...percentMonth, periodsLeft: 0 },
        plain,
        plain,
        plain,
      ]);
    });

    it('percentage, repeating 3 periods: three invoices, then none', () => {
      expect(series(coupon({ duration: 'REPEATING', periodsLeft: 3 }))).toEqual([
        { ...percentMonth, periodsLeft: 2 },
        { ...percentMonth, periodsLeft: 1 },
        { ...percentMonth, periodsLeft: 0 },
        plain,
      ]);
    });

    it('percentage, forever: every invoice', () => {
      expect(series(coupon({ duration: 'FOREVER', periodsLeft: null }))).toEqual(
        [1, 2, 3, 4].map(() => ({ ...percentMonth, periodsLeft: null })),
      );
    });

    it('fixed amount, once: the first invoice only', () => {
      expect(series(tenOff({ duration: 'ONCE', periodsLeft: 1 }))).toEqual([
        { ...fixedMonth, periodsLeft: 0 },
        plain,
        plain,
        plain,
      ]);
    });

    it('fixed amount, repeating 2 periods: two invoices, then none', () => {
      expect(series(tenOff({ duration: 'REPEATING', periodsLeft: 2 }))).toEqual([
        { ...fixedMonth, periodsLeft: 1 },
        { ...fixedMonth, periodsLeft: 0 },
        plain,
        plain,
      ]);
    });

    it('fixed amount, forever: every invoice', () => {
      expect(series(tenOff({ duration: 'FOREVER', periodsLeft: null }))).toEqual(
        [1, 2, 3, 4].map(() => ({ ...fixedMonth, periodsLeft: null })),
      );
    });
  });

  it('describes and explains the line', () => {
    const [line] = invoiceOf(month(1), [coupon({ duration: 'REPEATING', periodsLeft: 3 })]).lines.filter(
      (candidate) => candidate.kind === 'DISCOUNT',
    );
    expect(line).toEqual({
      kind: 'DISCOUNT',
      description: 'Spring sale (coupon SPRING25, 25% off)',
      metricCode: null,
      tierIndex: null,
      quantity: '1',
      unitPrice: '-16.25',
      amountMinor: -1625n,
      periodStart: month(1).start,
      periodEnd: month(1).end,
      explain: {
        redemptionId: 'r-1',
        couponId: 'c-1',
        couponCode: 'SPRING25',
        kind: 'PERCENTAGE',
        percentOff: '25',
        amountOffMinor: null,
        currency: 'USD',
        baseMinor: '6500',
        unroundedAmount: '16.25',
        duration: 'REPEATING',
        periodsLeft: 2,
      },
    });
    expect(discountLines([tenOff()], 6500n, 'USD', month(1))[0].description).toBe(
      'Welcome (coupon WELCOME10, 10.00 USD off)',
    );
  });

  it('rounds a percentage half-even, once per line', () => {
    // 12.5 % of 0.99 = 0.12375 → 0.12 (below the half)
    expect(discountLines([coupon({ percentOff: '12.5' })], 99n, 'USD', month(1))[0].amountMinor).toBe(-12n);
    // 25 % of 0.10 = 0.025 → 0.02 (exactly half: to the even cent)
    expect(discountLines([coupon()], 10n, 'USD', month(1))[0].amountMinor).toBe(-2n);
    // 25 % of 0.30 = 0.075 → 0.08 (exactly half: to the even cent)
    expect(discountLines([coupon()], 30n, 'USD', month(1))[0].amountMinor).toBe(-8n);
    // JPY has no minor unit: 33.3333 % of 1,000 = 333.333 → 333
    expect(discountLines([coupon({ percentOff: '33.3333' })], 1000n, 'JPY', month(1))[0].amountMinor).toBe(-333n);
    // KWD has three: 15 % of 1.005 = 0.15075 → 0.151
    expect(discountLines([coupon({ percentOff: '15' })], 1005n, 'KWD', month(1))[0].amountMinor).toBe(-151n);
  });

  it('applies discounts in order, each to what the ones before it left', () => {
    // 65.00 − 10.00 = 55.00; 25 % of 55.00 = 13.75 → 41.25
    const fixedFirst = discountLines([tenOff(), coupon({ redemptionId: 'r-2' })], 6500n, 'USD', month(1));
    expect(fixedFirst.map((line) => [line.amountMinor, line.explain['baseMinor']])).toEqual([
      [-1000n, '6500'],
      [-1375n, '5500'],
    ]);
    // 25 % of 65.00 = 16.25 → 48.75; 10.00 off → 38.75: the order changes the result
    const percentFirst = discountLines([coupon(), tenOff({ redemptionId: 'r-2' })], 6500n, 'USD', month(1));
    expect(percentFirst.map((line) => [line.amountMinor, line.explain['baseMinor']])).toEqual([
      [-1625n, '6500'],
      [-1000n, '4875'],
    ]);
  });

  it('caps a fixed amount at what is left and never goes below zero', () => {
    // 10.00 off 6.00 takes 6.00; the second 10.00 finds nothing left and takes 0
    const lines = discountLines([tenOff(), tenOff({ redemptionId: 'r-2' })], 600n, 'USD', month(1));
    expect(lines.map((line) => [line.amountMinor, line.explain['baseMinor']])).toEqual([
      [-600n, '600'],
      [0n, '0'],
    ]);
    // 100 % takes everything; nothing is left for the next one
    const whole = discountLines([coupon({ percentOff: '100' }), tenOff()], 6500n, 'USD', month(1));
    expect(whole.map((line) => line.amountMinor)).toEqual([-6500n, 0n]);
  });

  it('discounts nothing of a subtotal at or below zero (a credit), and the invoice carries no tax', () => {
    expect(discountLines([coupon(), tenOff()], -500n, 'USD', month(1)).map((line) => line.amountMinor)).toEqual([
      0n,
      0n,
    ]);
    const free = invoiceOf(month(1), [coupon({ percentOff: '100' })]);
    // 65.00 − 65.00 = 0.00: no tax, total 0
    expect(free.totals).toEqual({ subtotalMinor: 0n, taxMinor: 0n, totalMinor: 0n });
  });

  it('refuses terms it cannot apply', () => {
    expect(() => discountLines([tenOff({ currency: 'EUR' })], 100n, 'USD', month(1))).toThrow(RangeError);
    expect(() => discountLines([coupon({ percentOff: '0' })], 100n, 'USD', month(1))).toThrow(RangeError);
    expect(() => discountLines([tenOff({ amountOffMinor: '-5' })], 100n, 'USD', month(1))).toThrow(RangeError);
    expect(() => discountLines([coupon({ duration: 'ONCE', periodsLeft: 0 })], 100n, 'USD', month(1))).toThrow(
      RangeError,
    );
  });

  it.each([
    ['25', '25'],
    [' 12.50 ', '12.5'],
    ['100', '100'],
    ['0.0001', '0.0001'],
  ])('reads the percentage %j as %j', (raw, percentOff) => {
    expect(parsePercentOff(raw)).toEqual({ ok: true, percentOff });
  });

  it.each(['0', '100.01', '101', '-5', '12.34567', '1e1', '', 'ten'])('refuses the percentage %j', (raw) => {
    expect(parsePercentOff(raw).ok).toBe(false);
  });
});
