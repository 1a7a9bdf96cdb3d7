import type { ChargeTerms } from './charge-terms';
import {
  type FixedTerms,
  fixedFeeLines,
  type InvoiceLineDraft,
  prorationLines,
  totalsOf,
  usageLines,
} from './invoice-composition';

const utc = (iso: string) => new Date(`${iso}Z`);
const april = { start: utc('2026-04-01T00:00:00'), end: utc('2026-05-01T00:00:00') };
const team: FixedTerms = {
  planVersionId: 'pv-team-2',
  label: 'Team v2',
  currency: 'USD',
  baseFeeMinor: '4900',
  seatUnitPrice: '8',
  includedSeats: 5,
};
const line = (amountMinor: bigint): InvoiceLineDraft => ({
  kind: 'USAGE',
  description: '',
  metricCode: null,
  tierIndex: null,
  quantity: '1',
  unitPrice: '0',
  amountMinor,
  periodStart: april.start,
  periodEnd: april.end,
  explain: {},
});

describe('fixedFeeLines', () => {
  it('bills the base fee and the seats above the included ones', () => {
    expect(fixedFeeLines(team, 8, april)).toEqual([
      {
        kind: 'BASE_FEE',
        description: 'Team v2 base fee',
        metricCode: null,
        tierIndex: null,
        quantity: '1',
        unitPrice: '49',
        amountMinor: 4900n,
        periodStart: april.start,
        periodEnd: april.end,
        explain: { planVersionId: 'pv-team-2', currency: 'USD', baseFeeMinor: '4900' },
      },
      {
        kind: 'SEATS',
        description: 'Seats above 5 included (3 × 8.00)',
        metricCode: null,
        tierIndex: null,
        quantity: '3',
        unitPrice: '8',
        amountMinor: 2400n,
        periodStart: april.start,
        periodEnd: april.end,
        explain: {
          planVersionId: 'pv-team-2',
          currency: 'USD',
          seats: 8,
          includedSeats: 5,
          billableSeats: 3,
          seatUnitPrice: '8',
        },
      },
    ]);
  });

  it('leaves out a zero base fee, seats within the included ones and free seats', () => {
    expect(fixedFeeLines({ ...team, baseFeeMinor: '0' }, 5, april)).toEqual([]);
    expect(fixedFeeLines(team, 2, april).map((l) => l.kind)).toEqual(['BASE_FEE']);
    expect(fixedFeeLines({ ...team, seatUnitPrice: '0' }, 9, april).map((l) => l.kind)).toEqual(['BASE_FEE']);
  });

  it('names seats plainly when none are included and rounds the seat line once', () => {
    const [seats] = fixedFeeLines({ ...team, baseFeeMinor: '0', includedSeats: 0, seatUnitPrice: '0.125' }, 3, april);
    // 3 × 0.125 = 0.375 → 0.38 (half-even: 37.5 minor units round to the even 38)
    expect(seats).toMatchObject({ description: 'Seats (3 × 0.125)', amountMinor: 38n });
  });

  it.each([
    ['a base fee in major units', { ...team, baseFeeMinor: '49.00' }, 1],
    ['a negative base fee', { ...team, baseFeeMinor: '-1' }, 1],
    ['a negative seat price', { ...team, seatUnitPrice: '-8' }, 1],
    ['a seat price that is no number', { ...team, seatUnitPrice: 'eight' }, 1],
    ['fractional included seats', { ...team, includedSeats: 1.5 }, 1],
    ['an unsupported currency', { ...team, currency: 'ZZZ' }, 1],
    ['negative seats', team, -1],
    ['fractional seats', team, 2.5],
  ])('refuses %s', (_case, terms, seats) => {
    expect(() => fixedFeeLines(terms, seats, april)).toThrow(RangeError);
  });
});

describe('usageLines', () => {
  const messages: ChargeTerms = {
    metricCode: 'messages',
    model: 'GRADUATED',
    includedUnits: '0',
    tiers: [
      { fromUnits: '0', upTo: '100000', unitPrice: '0', flatFee: '0' },
      { fromUnits: '100000', upTo: '1000000', unitPrice: '0.0004', flatFee: '0' },
      { fromUnits: '1000000', upTo: null, unitPrice: '0.0002', flatFee: '5' },
    ],
  };
  const sms: ChargeTerms = {
    metricCode: 'sms',
    model: 'PACKAGE',
    packageSize: '1000',
    unitPrice: '3',
    includedUnits: '500',
  };
  const terms = { planVersionId: 'pv-team-2', currency: 'USD', charges: [messages, sms] };
  const names = new Map([['messages', 'Messages sent']]);

  it('gives a line per priced tier and leaves out free tiers and charges without usage', () => {
    const lines = usageLines(terms, new Map([['messages', '1000000']]), april, names);
    expect(lines).toEqual([
      {
        kind: 'USAGE',
        description: 'Messages sent, tier 2 (900,000 × 0.0004)',
        metricCode: 'messages',
        tierIndex: 1,
        quantity: '900000',
        unitPrice: '0.0004',
        amountMinor: 36000n,
        periodStart: april.start,
        periodEnd: april.end,
        explain: {
          planVersionId: 'pv-team-2',
          currency: 'USD',
          metricCode: 'messages',
          model: 'GRADUATED',
          quantity: '1000000',
          includedUnits: '0',
          billableUnits: '1000000',
          packageSize: null,
          tierIndex: 1,
          fromUnits: '100000',
          upTo: '1000000',
          unitPrice: '0.0004',
          flatFee: '0',
          unroundedAmount: '360',
        },
      },
    ]);
  });

  it('shows flat fees, included units and packages, and falls back to the metric code', () => {
    const lines = usageLines(
      terms,
      new Map([
        ['messages', '1000001'],
        ['sms', '2501'],
      ]),
      april,
      names,
    );
    expect(lines.map((l) => [l.description, l.amountMinor])).toEqual([
      ['Messages sent, tier 2 (900,000 × 0.0004)', 36000n],
      ['Messages sent, tier 3 (1 × 0.0002 + 5.00)', 500n],
      ['sms above 500 included, packages of 1,000 (3 × 3.00)', 900n],
    ]);
    expect(lines[2].explain).toMatchObject({ packageSize: '1000', billableUnits: '2001', quantity: '2501' });
  });

  it('leaves out a part that rounds to zero', () => {
    // 12 × 0.0004 = 0.0048 → 0.00
    const perUnit: ChargeTerms = { metricCode: 'm', model: 'PER_UNIT', unitPrice: '0.0004', includedUnits: '0' };
    expect(usageLines({ ...terms, charges: [perUnit] }, new Map([['m', '12']]), april)).toEqual([]);
    expect(usageLines({ ...terms, charges: [perUnit] }, new Map([['m', '13']]), april)[0].amountMinor).toBe(1n);
  });

  it('refuses an unsupported currency and a negative quantity', () => {
    expect(() => usageLines({ ...terms, currency: 'usd' }, new Map(), april)).toThrow(RangeError);
    expect(() => usageLines(terms, new Map([['sms', '-3']]), april)).toThrow(RangeError);
  });
});

describe('prorationLines', () => {
  const business: FixedTerms = { ...team, planVersionId: 'pv-business-1', label: 'Business v1', baseFeeMinor: '9900' };
  const at = utc('2026-04-11T00:00:00');

  it('credits the old terms and charges the new ones from the change to the end of the period', () => {
    const lines = prorationLines({ from: team, fromSeats: 5, to: business, toSeats: 5, period: april, at });
    expect(lines.map((l) => [l.kind, l.description, l.amountMinor])).toEqual([
      ['PRORATION_CREDIT', 'Unused time on Team v2 base fee (2/3 of the period)', -3267n],
      ['PRORATION_CHARGE', 'Remaining time on Business v1 base fee (2/3 of the period)', 6600n],
    ]);
    expect(lines[0]).toMatchObject({ periodStart: at, periodEnd: april.end, quantity: '1', unitPrice: '49' });
    expect(lines[0].explain).toEqual({
      planVersionId: 'pv-team-2',
      currency: 'USD',
      baseFeeMinor: '4900',
      changedAt: '2026-04-11T00:00:00.000Z',
      remainingSeconds: 1_728_000,
      periodSeconds: 2_592_000,
      fullPeriodAmount: '49',
    });
  });

  it('re-prices only the seats when the version stays', () => {
    const lines = prorationLines({ from: team, fromSeats: 6, to: team, toSeats: 8, period: april, at });
    expect(lines.map((l) => [l.kind, l.description, l.amountMinor])).toEqual([
      ['PRORATION_CREDIT', 'Unused time on Team v2 seats above 5 included (2/3 of the period, 1 × 8.00)', -533n],
      ['PRORATION_CHARGE', 'Remaining time on Team v2 seats above 5 included (2/3 of the period, 3 × 8.00)', 1600n],
    ]);
  });

  it('gives nothing when nothing changes or no time is left', () => {
    expect(prorationLines({ from: team, fromSeats: 7, to: team, toSeats: 7, period: april, at })).toEqual([]);
    expect(
      prorationLines({ from: team, fromSeats: 7, to: business, toSeats: 9, period: april, at: april.end }),
    ).toEqual([]);
  });

  it('clamps a change before the period to its start', () => {
    const lines = prorationLines({
      from: team,
      fromSeats: 5,
      to: business,
      toSeats: 5,
      period: april,
      at: utc('2026-03-20T00:00:00'),
    });
    expect(lines.map((l) => [l.description, l.amountMinor, l.periodStart])).toEqual([
      ['Unused time on Team v2 base fee (the whole period)', -4900n, april.start],
      ['Remaining time on Business v1 base fee (the whole period)', 9900n, april.start],
    ]);
  });

  it('refuses a change between currencies and an invalid instant', () => {
    const euro = { ...business, currency: 'EUR' };
    expect(() => prorationLines({ from: team, fromSeats: 5, to: euro, toSeats: 5, period: april, at })).toThrow(
      new RangeError('cannot prorate between currencies USD and EUR'),
    );
    expect(() =>
      prorationLines({ from: team, fromSeats: 5, to: business, toSeats: 5, period: april, at: new Date(NaN) }),
    ).toThrow(RangeError);
  });
});

describe('totalsOf', () => {
  it('adds the rounded lines and taxes the subtotal once', () => {
    // 3 lines of 0.01 at 50 %: tax on the subtotal 0.03 is 0.015 → 0.02; taxed line by line it would be 0.00 + 0.00 + 0.00
    expect(totalsOf([line(1n), line(1n), line(1n)], 'USD', '50')).toEqual({
      subtotalMinor: 3n,
      taxMinor: 2n,
      totalMinor: 5n,
    });
  });

  it('charges no tax without a rate or on a credit', () => {
    expect(totalsOf([line(1000n)], 'USD')).toEqual({ subtotalMinor: 1000n, taxMinor: 0n, totalMinor: 1000n });
    expect(totalsOf([line(1000n)], 'USD', null).taxMinor).toBe(0n);
    expect(totalsOf([line(1000n), line(-1500n)], 'USD', '20')).toEqual({
      subtotalMinor: -500n,
      taxMinor: 0n,
      totalMinor: -500n,
    });
    expect(totalsOf([], 'USD', '20')).toEqual({ subtotalMinor: 0n, taxMinor: 0n, totalMinor: 0n });
  });

  it.each(['-5', 'abc', 'NaN', ''])('refuses the tax rate %j', (rate) => {
    expect(() => totalsOf([line(100n)], 'USD', rate)).toThrow(RangeError);
  });

  it('refuses an unsupported currency even without lines', () => {
    expect(() => totalsOf([], 'XYZ')).toThrow(RangeError);
  });
});
