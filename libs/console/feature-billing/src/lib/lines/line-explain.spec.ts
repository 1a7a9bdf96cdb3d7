import { explainLine } from './line-explain';

const format = { locale: 'en-US', timeZone: 'UTC' };

describe('explainLine', () => {
  it('explains a graduated usage tier from its rollup, tier, price, rounding and quota', () => {
    const facts = explainLine(
      {
        kind: 'USAGE',
        amountMinor: '960',
        explain: {
          planVersionId: 'pv-team-2',
          currency: 'USD',
          metricCode: 'messages_sent',
          model: 'GRADUATED',
          quantity: '125000',
          includedUnits: '1000',
          billableUnits: '124000',
          packageSize: null,
          tierIndex: 1,
          fromUnits: '100000',
          upTo: null,
          unitPrice: '0.0004',
          flatFee: '0',
          unroundedAmount: '9.6',
          rollup: {
            metricId: 'metric-1',
            periodStart: '2026-03-01T00:00:00.000Z',
            value: '125000',
            eventCount: '2500',
            overageQuantity: '25000',
          },
          quota: { periodLimit: '100000', enforcement: 'SOFT' },
        },
      },
      'USD',
      format,
    );
    expect(facts).toEqual([
      { label: 'Used in the period', value: '125,000 messages_sent' },
      { label: 'Usage rollup', value: 'total 125,000, from 2,500 events, period from Mar 1, 2026, 12:00 AM' },
      { label: 'Included units', value: '1,000' },
      { label: 'Billable units', value: '124,000' },
      { label: 'Pricing', value: "Graduated tiers: each tier's units at that tier's price" },
      { label: 'Tier', value: 'Tier 2: units above 100,000' },
      { label: 'Unit price', value: '$0.0004' },
      { label: 'Before rounding', value: '$9.60, rounded half-even once' },
      { label: 'Quota', value: '100,000 per period, soft (usage past it is billed); 25,000 used beyond it' },
      { label: 'Plan version', value: 'pv-team-2' },
    ]);
  });

  it('says when a package charge had a flat fee and its metric no quota', () => {
    const facts = explainLine(
      {
        kind: 'USAGE',
        amountMinor: '1500',
        explain: {
          metricCode: 'ai_tokens',
          model: 'PACKAGE',
          quantity: '2500001',
          includedUnits: '0',
          billableUnits: '2500001',
          packageSize: '1000000',
          tierIndex: null,
          unitPrice: '4.5',
          flatFee: '1.5',
          unroundedAmount: '15',
          quota: null,
        },
      },
      'USD',
      format,
    );
    expect(facts).toContainEqual({ label: 'Package size', value: '1,000,000' });
    expect(facts).toContainEqual({ label: 'Price per package', value: '$4.50' });
    expect(facts).toContainEqual({ label: 'Flat fee', value: '$1.50' });
    expect(facts).toContainEqual({ label: 'Quota', value: 'None on this metric' });
    expect(facts.map((fact) => fact.label)).not.toContain('Included units');
    expect(facts.map((fact) => fact.label)).not.toContain('Tier');
  });

  it('explains seats from those held, included and billed', () => {
    expect(
      explainLine(
        {
          kind: 'SEATS',
          amountMinor: '2400',
          explain: { planVersionId: 'pv-1', seats: 8, includedSeats: 5, billableSeats: 3, seatUnitPrice: '8' },
        },
        'USD',
        format,
      ),
    ).toEqual([
      { label: 'Seats', value: '8' },
      { label: 'Included in the plan', value: '5' },
      { label: 'Billed seats', value: '3 × $8.00 per seat' },
      { label: 'Plan version', value: 'pv-1' },
    ]);
  });

  it('explains a base fee in a zero-decimal currency', () => {
    expect(
      explainLine({ kind: 'BASE_FEE', amountMinor: '5000', explain: { baseFeeMinor: '5000' } }, 'JPY', format),
    ).toEqual([{ label: 'Base fee', value: '¥5,000 for a whole period' }]);
  });

  it('explains a proration credit by the unused share of the period', () => {
    expect(
      explainLine(
        {
          kind: 'PRORATION_CREDIT',
          amountMinor: '-2450',
          explain: {
            planVersionId: 'pv-team-1',
            baseFeeMinor: '4900',
            changedAt: '2026-03-16T00:00:00.000Z',
            remainingSeconds: 1339200,
            periodSeconds: 2678400,
            fullPeriodAmount: '49',
          },
        },
        'USD',
        format,
      ),
    ).toEqual([
      { label: 'Changed', value: 'Mar 16, 2026, 12:00 AM' },
      { label: 'Unused time', value: "1,339,200 of the period's 2,678,400 seconds (50%)" },
      { label: 'Full-period amount', value: '$49.00' },
      { label: 'Base fee', value: '$49.00 for a whole period' },
      {
        label: 'Credited',
        value: '-$24.50: the full-period amount × the share of the period, rounded half-even once',
      },
      { label: 'Plan version', value: 'pv-team-1' },
    ]);
  });

  it('names the trial end of a trial proration and its seats, and the version without its trial mark', () => {
    const facts = explainLine(
      {
        kind: 'PRORATION_CHARGE',
        amountMinor: '1200',
        explain: {
          planVersionId: 'pv-team-1:trial',
          seats: 8,
          includedSeats: 5,
          billableSeats: 3,
          seatUnitPrice: '8',
          trialEndsAt: '2026-03-16T00:00:00.000Z',
          changedAt: '2026-03-16T00:00:00.000Z',
          remainingSeconds: 1339200,
          periodSeconds: 2678400,
          fullPeriodAmount: '24',
        },
      },
      'USD',
      format,
    );
    expect(facts[0]).toEqual({ label: 'Trial ended', value: 'Mar 16, 2026, 12:00 AM' });
    expect(facts).toContainEqual({ label: 'Time charged', value: "1,339,200 of the period's 2,678,400 seconds (50%)" });
    expect(facts).toContainEqual({ label: 'Billed seats', value: '3 × $8.00 per seat' });
    expect(facts).toContainEqual({ label: 'Plan version', value: 'pv-team-1' });
  });

  it('gives nothing for explain data that is not an object', () => {
    expect(explainLine({ kind: 'BASE_FEE', amountMinor: '1', explain: null }, 'USD', format)).toEqual([]);
    expect(explainLine({ kind: 'BASE_FEE', amountMinor: '1', explain: ['x'] }, 'USD', format)).toEqual([]);
  });
});
