import {
  type ChargeTerms,
  type PlanTerms,
  type TierTerms,
  validateChargeTerms,
  validatePlanTerms,
  validateQuotaTerms,
} from './charge-terms';

const tier = (fromUnits: string, upTo: string | null, unitPrice = '0.01', flatFee = '0'): TierTerms => ({
  fromUnits,
  upTo,
  unitPrice,
  flatFee,
});

const perUnit: ChargeTerms = { metricCode: 'api_calls', model: 'PER_UNIT', unitPrice: '0.002', includedUnits: '1000' };
const graduated: ChargeTerms = {
  metricCode: 'storage_gb',
  model: 'GRADUATED',
  includedUnits: '0',
  tiers: [tier('0', '100', '0.10'), tier('100', '1000', '0.08'), tier('1000', null, '0.05', '10')],
};

const pathsOf = (problems: { path: string }[]) => problems.map((p) => p.path);

describe('validateChargeTerms', () => {
  it('accepts well-formed charges of every model', () => {
    expect(
      validateChargeTerms([
        perUnit,
        graduated,
        { ...graduated, metricCode: 'seats_active', model: 'VOLUME' },
        { metricCode: 'sms', model: 'PACKAGE', packageSize: '100', unitPrice: '5', includedUnits: '0' },
        { metricCode: 'free', model: 'PER_UNIT', unitPrice: '0', includedUnits: '0' },
      ]),
    ).toEqual([]);
  });

  it('accepts exponent notation and 12 decimal places', () => {
    expect(validateChargeTerms([{ ...perUnit, unitPrice: '2.5e-4', includedUnits: '1e3' }])).toEqual([]);
    expect(validateChargeTerms([{ ...perUnit, unitPrice: '0.000000000001' }])).toEqual([]);
  });

  it.each([
    ['NaN', 'is not a decimal number'],
    ['Infinity', 'is not a decimal number'],
    ['0x10', 'is not a decimal number'],
    ['', 'is not a decimal number'],
    ['1,5', 'is not a decimal number'],
    ['0.0000000000001', 'more than 12 decimal places'],
    ['1e-13', 'more than 12 decimal places'],
    ['-0.01', 'must be at least 0'],
  ])('refuses unit price %j', (unitPrice, message) => {
    const problems = validateChargeTerms([{ ...perUnit, unitPrice }]);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('charges[0].unitPrice');
    expect(problems[0].message).toContain(message);
  });

  it('requires a unit price for PER_UNIT and refuses tiers and a package size there', () => {
    const problems = validateChargeTerms([
      { ...perUnit, unitPrice: null, packageSize: '10', tiers: [tier('0', null)] },
    ]);
    expect(pathsOf(problems)).toEqual(['charges[0].unitPrice', 'charges[0].packageSize', 'charges[0].tiers']);
    expect(problems[0].message).toBe('is required');
  });

  it('requires a positive package size and a price for PACKAGE', () => {
    const zero = validateChargeTerms([{ metricCode: 'sms', model: 'PACKAGE', packageSize: '0', includedUnits: '0' }]);
    expect(zero).toEqual([
      { path: 'charges[0].packageSize', message: 'must be greater than 0, got 0' },
      { path: 'charges[0].unitPrice', message: 'is required' },
    ]);
  });

  it('refuses negative included units', () => {
    expect(validateChargeTerms([{ ...perUnit, includedUnits: '-1' }])).toEqual([
      { path: 'charges[0].includedUnits', message: 'must be at least 0, got -1' },
    ]);
  });

  it('requires tiers for GRADUATED and VOLUME and refuses a charge-level price', () => {
    expect(validateChargeTerms([{ ...graduated, tiers: [] }])).toEqual([
      { path: 'charges[0].tiers', message: 'needs at least one tier' },
    ]);
    expect(pathsOf(validateChargeTerms([{ ...graduated, model: 'VOLUME', tiers: null, unitPrice: '1' }]))).toEqual([
      'charges[0].unitPrice',
      'charges[0].tiers',
    ]);
  });

  it('reports a gap between tiers with its path', () => {
    const problems = validateChargeTerms([
      perUnit,
      { ...graduated, tiers: [tier('0', '100'), tier('100', '400'), tier('500', null)] },
    ]);
    expect(problems).toEqual([
      {
        path: 'charges[1].tiers[2].fromUnits',
        message: 'tier starts at 500 but the previous tier ends at 400 (gap)',
      },
    ]);
  });

  it('reports an overlap between tiers', () => {
    expect(validateChargeTerms([{ ...graduated, tiers: [tier('0', '100'), tier('99.5', null)] }])).toEqual([
      {
        path: 'charges[0].tiers[1].fromUnits',
        message: 'tier starts at 99.5 but the previous tier ends at 100 (overlap)',
      },
    ]);
  });

  it('compares tier bounds numerically, not textually', () => {
    expect(validateChargeTerms([{ ...graduated, tiers: [tier('0', '1e2'), tier('100.000', null)] }])).toEqual([]);
  });

  it('requires the first tier to start at 0', () => {
    expect(validateChargeTerms([{ ...graduated, tiers: [tier('1', null)] }])).toEqual([
      { path: 'charges[0].tiers[0].fromUnits', message: 'the first tier must start at 0, got 1' },
    ]);
  });

  it('requires upTo above fromUnits', () => {
    const problems = validateChargeTerms([
      { ...graduated, tiers: [tier('0', '10'), tier('10', '10'), tier('10', null)] },
    ]);
    expect(problems).toEqual([
      { path: 'charges[0].tiers[1].upTo', message: 'must be greater than fromUnits 10, got 10' },
    ]);
  });

  it('allows only the last tier to be unbounded and requires it to be', () => {
    expect(validateChargeTerms([{ ...graduated, tiers: [tier('0', null), tier('100', '200')] }])).toEqual([
      { path: 'charges[0].tiers[0].upTo', message: 'only the last tier may be unbounded' },
      { path: 'charges[0].tiers[1].upTo', message: 'the last tier must be unbounded (upTo null)' },
    ]);
  });

  it('refuses negative tier prices and flat fees', () => {
    expect(pathsOf(validateChargeTerms([{ ...graduated, tiers: [tier('0', null, '-1', '-0.5')] }]))).toEqual([
      'charges[0].tiers[0].unitPrice',
      'charges[0].tiers[0].flatFee',
    ]);
  });

  it('reports every problem, not only the first', () => {
    const problems = validateChargeTerms([
      { ...perUnit, unitPrice: '-1', includedUnits: 'x' },
      { ...graduated, tiers: [tier('5', '4'), tier('6', null, 'abc')] },
    ]);
    expect(pathsOf(problems)).toEqual([
      'charges[0].includedUnits',
      'charges[0].unitPrice',
      'charges[1].tiers[0].fromUnits',
      'charges[1].tiers[0].upTo',
      'charges[1].tiers[1].fromUnits',
      'charges[1].tiers[1].unitPrice',
    ]);
  });

  it('allows a metric at most once among charges', () => {
    expect(validateChargeTerms([perUnit, { ...graduated, metricCode: 'api_calls' }])).toEqual([
      { path: 'charges[1].metricCode', message: 'metric "api_calls" already has a charge' },
    ]);
  });

  it('refuses an unknown model', () => {
    expect(pathsOf(validateChargeTerms([{ ...perUnit, model: 'FLAT' as ChargeTerms['model'] }]))).toEqual([
      'charges[0].model',
    ]);
  });
});

describe('validateQuotaTerms', () => {
  it('accepts limits of zero and above', () => {
    expect(
      validateQuotaTerms([
        { metricCode: 'api_calls', periodLimit: '0', enforcement: 'HARD' },
        { metricCode: 'storage_gb', periodLimit: '1.5e6', enforcement: 'SOFT' },
      ]),
    ).toEqual([]);
  });

  it('refuses negative limits, duplicates and unknown enforcement', () => {
    expect(
      validateQuotaTerms([
        { metricCode: 'api_calls', periodLimit: '-1', enforcement: 'HARD' },
        { metricCode: 'api_calls', periodLimit: '10', enforcement: 'STRICT' as 'HARD' },
      ]),
    ).toEqual([
      { path: 'quotas[0].periodLimit', message: 'must be at least 0, got -1' },
      { path: 'quotas[1].metricCode', message: 'metric "api_calls" already has a quota' },
      { path: 'quotas[1].enforcement', message: 'unknown enforcement "STRICT"' },
    ]);
  });

  it('lets the same metric be charged and limited', () => {
    expect(validateChargeTerms([perUnit])).toEqual([]);
    expect(validateQuotaTerms([{ metricCode: perUnit.metricCode, periodLimit: '5', enforcement: 'SOFT' }])).toEqual([]);
  });
});

describe('validatePlanTerms', () => {
  const terms: PlanTerms = {
    currency: 'EUR',
    interval: 'MONTH',
    baseFeeMinor: '4900',
    seatUnitPrice: '9.5',
    includedSeats: 3,
    maxSeats: 10,
    trialDays: 14,
    charges: [perUnit],
    quotas: [{ metricCode: 'api_calls', periodLimit: '100000', enforcement: 'HARD' }],
  };

  it('accepts valid terms', () => {
    expect(validatePlanTerms(terms)).toEqual([]);
  });

  it('reports plan-level problems before charge and quota problems', () => {
    const problems = validatePlanTerms({
      ...terms,
      currency: 'XYZ',
      baseFeeMinor: '49.00',
      seatUnitPrice: '-2',
      includedSeats: 5,
      maxSeats: 4,
      trialDays: -1,
      charges: [{ ...perUnit, unitPrice: '-1' }],
      quotas: [{ metricCode: 'api_calls', periodLimit: '-1', enforcement: 'HARD' }],
    });
    expect(pathsOf(problems)).toEqual([
      'currency',
      'baseFeeMinor',
      'seatUnitPrice',
      'trialDays',
      'maxSeats',
      'charges[0].unitPrice',
      'quotas[0].periodLimit',
    ]);
    expect(problems.find((p) => p.path === 'maxSeats')?.message).toBe('the seat limit 4 is below the 5 included seats');
  });

  it('requires at least one seat and at most a year of trial', () => {
    expect(validatePlanTerms({ ...terms, includedSeats: 0, maxSeats: 0, trialDays: 366 })).toEqual([
      { path: 'trialDays', message: 'must be at most 365, got 366' },
      { path: 'maxSeats', message: 'a plan must allow at least one seat' },
    ]);
  });

  it('refuses fractional seat counts', () => {
    expect(pathsOf(validatePlanTerms({ ...terms, includedSeats: 1.5 }))).toEqual(['includedSeats']);
  });

  it('refuses a base fee beyond a 64-bit integer', () => {
    expect(pathsOf(validatePlanTerms({ ...terms, baseFeeMinor: '9223372036854775808' }))).toEqual(['baseFeeMinor']);
  });
});
