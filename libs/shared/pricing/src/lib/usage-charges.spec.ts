import Decimal from 'decimal.js';
import type { ChargeTerms } from './charge-terms';
import { type PricedCharge, priceUsage, tiersWithStarts, type UsagePricing } from './usage-charges';

const perUnit: ChargeTerms = { metricCode: 'api_calls', model: 'PER_UNIT', unitPrice: '0.002', includedUnits: '1000' };
const packaged: ChargeTerms = {
  metricCode: 'sms',
  model: 'PACKAGE',
  packageSize: '100',
  unitPrice: '5',
  includedUnits: '0',
};
const stored: PricedCharge = {
  metricCode: 'storage_gb',
  model: 'GRADUATED',
  includedUnits: '0',
  tiers: [
    { upTo: '100', unitPrice: '0.10', flatFee: '0' },
    { upTo: '1000', unitPrice: '0.08', flatFee: '2' },
    { upTo: null, unitPrice: '0.05', flatFee: '10' },
  ],
};
const volume: PricedCharge = { ...stored, model: 'VOLUME' };

/** The parts as plain text, easier to read in expectations than Decimal objects. */
const partsOf = (pricing: UsagePricing) =>
  pricing.parts.map(({ amount, ...part }) => ({ ...part, amount: amount.toFixed() }));

describe('tiersWithStarts', () => {
  it('starts each stored tier where the previous one ends', () => {
    expect(tiersWithStarts(stored.tiers ?? []).map((tier) => [tier.fromUnits, tier.upTo])).toEqual([
      ['0', '100'],
      ['100', '1000'],
      ['1000', null],
    ]);
  });

  it('keeps starts that are given', () => {
    const tiers = [
      { fromUnits: '0', upTo: '5', unitPrice: '1', flatFee: '0' },
      { fromUnits: '5', upTo: null, unitPrice: '2', flatFee: '0' },
    ];
    expect(tiersWithStarts(tiers)).toEqual(tiers);
  });

  it('refuses to guess the start after an unbounded tier', () => {
    expect(() =>
      tiersWithStarts([
        { upTo: null, unitPrice: '1', flatFee: '0' },
        { upTo: null, unitPrice: '2', flatFee: '0' },
      ]),
    ).toThrow(new RangeError('tier 1 has no start: the tier before it is unbounded'));
  });
});

describe('priceUsage', () => {
  describe('PER_UNIT', () => {
    it('bills the units above the included ones', () => {
      const pricing = priceUsage(perUnit, '1500');
      expect(pricing).toMatchObject({ quantity: '1500', includedUnits: '1000', billableUnits: '500' });
      expect(partsOf(pricing)).toEqual([
        {
          tierIndex: null,
          fromUnits: null,
          upTo: null,
          quantity: '500',
          unitPrice: '0.002',
          flatFee: '0',
          amount: '1',
        },
      ]);
    });

    it('has no part when usage stays within the included units', () => {
      expect(priceUsage(perUnit, '1000')).toEqual({
        quantity: '1000',
        includedUnits: '1000',
        billableUnits: '0',
        parts: [],
      });
      expect(priceUsage(perUnit, '0').parts).toEqual([]);
    });

    it('takes a Decimal of any configuration and keeps every digit', () => {
      const pricing = priceUsage({ ...perUnit, includedUnits: '0', unitPrice: '0.000000000001' }, new Decimal('1e25'));
      expect(pricing.parts[0].amount.toFixed()).toBe('10000000000000');
      const precise = priceUsage({ ...perUnit, includedUnits: '0', unitPrice: '0.123456789012' }, '123456789012345678');
      expect(precise.parts[0].amount.toFixed()).toBe('15241578753196160.232056090136');
    });

    it('writes quantities and prices in canonical text', () => {
      const pricing = priceUsage({ ...perUnit, unitPrice: '2.50e-3', includedUnits: ' 1e3 ' }, '1.5E3');
      expect(pricing).toMatchObject({ quantity: '1500', includedUnits: '1000', billableUnits: '500' });
      expect(pricing.parts[0]).toMatchObject({ quantity: '500', unitPrice: '0.0025' });
    });
  });

  describe('PACKAGE', () => {
    it.each([
      ['1', '1', '5'],
      ['100', '1', '5'],
      ['101', '2', '10'],
      ['200', '2', '10'],
      ['100.5', '2', '10'],
    ])('bills %s units as %s started packages', (quantity, packages, amount) => {
      expect(partsOf(priceUsage(packaged, quantity))).toEqual([
        { tierIndex: null, fromUnits: null, upTo: null, quantity: packages, unitPrice: '5', flatFee: '0', amount },
      ]);
    });

    it('counts packages after the included units', () => {
      expect(priceUsage({ ...packaged, includedUnits: '50' }, '150').parts[0].quantity).toBe('1');
      expect(priceUsage({ ...packaged, includedUnits: '50' }, '151').parts[0].quantity).toBe('2');
      expect(priceUsage({ ...packaged, includedUnits: '50' }, '49').parts).toEqual([]);
    });

    it('notices a remainder far below the last digit of the quotient', () => {
      const pricing = priceUsage({ ...packaged, packageSize: '3' }, '300000000000000000.000000000001');
      expect(pricing.parts[0].quantity).toBe('100000000000000001');
    });
  });

  describe('GRADUATED', () => {
    it('fills each tier up to and including its upTo', () => {
      expect(partsOf(priceUsage(stored, '100'))).toEqual([
        { tierIndex: 0, fromUnits: '0', upTo: '100', quantity: '100', unitPrice: '0.1', flatFee: '0', amount: '10' },
      ]);
      expect(partsOf(priceUsage(stored, '101')).map((part) => [part.tierIndex, part.quantity, part.amount])).toEqual([
        [0, '100', '10'],
        [1, '1', '2.08'],
      ]);
    });

    it('charges each flat fee once for every tier entered', () => {
      expect(partsOf(priceUsage(stored, '2500')).map((part) => [part.tierIndex, part.quantity, part.amount])).toEqual([
        [0, '100', '10'],
        [1, '900', '74'],
        [2, '1500', '85'],
      ]);
    });

    it('splits a fractional quantity at the boundary', () => {
      expect(priceUsage(stored, '100.5').parts.map((part) => part.quantity)).toEqual(['100', '0.5']);
    });

    it('prices stored tiers and tiers with starts alike', () => {
      const withStarts = { ...stored, tiers: tiersWithStarts(stored.tiers ?? []) };
      expect(partsOf(priceUsage(withStarts, '1234'))).toEqual(partsOf(priceUsage(stored, '1234')));
    });

    it('moves the tiers by the included units', () => {
      const pricing = priceUsage({ ...stored, includedUnits: '50' }, '150');
      expect(pricing.billableUnits).toBe('100');
      expect(pricing.parts.map((part) => part.tierIndex)).toEqual([0]);
    });
  });

  describe('VOLUME', () => {
    it('prices every unit at the tier the total falls in, its upTo included', () => {
      expect(partsOf(priceUsage(volume, '100'))).toEqual([
        { tierIndex: 0, fromUnits: '0', upTo: '100', quantity: '100', unitPrice: '0.1', flatFee: '0', amount: '10' },
      ]);
      expect(partsOf(priceUsage(volume, '101'))).toEqual([
        {
          tierIndex: 1,
          fromUnits: '100',
          upTo: '1000',
          quantity: '101',
          unitPrice: '0.08',
          flatFee: '2',
          amount: '10.08',
        },
      ]);
      expect(partsOf(priceUsage(volume, '1000.000000000001'))[0]).toMatchObject({
        tierIndex: 2,
        amount: '60.00000000000005',
      });
    });

    it('charges no flat fee without billable usage', () => {
      const firstTierFee = { ...volume, tiers: [{ upTo: null, unitPrice: '1', flatFee: '25' }] };
      expect(priceUsage(firstTierFee, '0').parts).toEqual([]);
      expect(partsOf(priceUsage(firstTierFee, '1'))[0].amount).toBe('26');
    });
  });

  describe('refusals', () => {
    it.each(['abc', '', 'NaN', 'Infinity', '0x10', '1e', '1,000', '0.0000000000001'])('refuses quantity %j', (raw) => {
      expect(() => priceUsage(perUnit, raw)).toThrow(RangeError);
    });

    it('refuses a negative quantity, as text or Decimal', () => {
      expect(() => priceUsage(perUnit, '-1')).toThrow(new RangeError('quantity must be at least 0, got -1'));
      expect(() => priceUsage(perUnit, new Decimal('-0.5'))).toThrow(RangeError);
      expect(priceUsage(perUnit, '-0').quantity).toBe('0');
    });

    it('refuses a non-finite Decimal', () => {
      expect(() => priceUsage(perUnit, new Decimal(NaN))).toThrow(RangeError);
      expect(() => priceUsage(perUnit, new Decimal(Infinity))).toThrow(RangeError);
    });

    it('refuses terms the catalog would refuse, naming the field', () => {
      expect(() => priceUsage({ ...perUnit, unitPrice: null }, '1')).toThrow(
        new RangeError('charge "api_calls": unitPrice is required'),
      );
      expect(() => priceUsage({ ...packaged, packageSize: '0' }, '1')).toThrow(RangeError);
      expect(() =>
        priceUsage({ ...volume, tiers: [{ fromUnits: '0', upTo: '10', unitPrice: '1', flatFee: '0' }] }, '1'),
      ).toThrow(new RangeError('charge "storage_gb": tiers[0].upTo the last tier must be unbounded (upTo null)'));
      expect(() => priceUsage({ ...perUnit, model: 'FLAT' as ChargeTerms['model'] }, '1')).toThrow(RangeError);
    });
  });
});
