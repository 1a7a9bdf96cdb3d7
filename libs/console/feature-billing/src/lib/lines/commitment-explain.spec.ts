import { explainLine } from './line-explain';

describe('explaining a minimum commitment true-up', () => {
  it('names the commitment, what was charged and the shortfall, and the share outside a trial', () => {
    const line = {
      kind: 'MINIMUM_COMMITMENT' as const,
      amountMinor: '3250',
      explain: {
        currency: 'USD',
        commitmentMinor: '10000',
        periodSeconds: 2_592_000,
        committedSeconds: 1_728_000,
        committedMinor: '6667',
        subtotalMinor: '3417',
        shortfallMinor: '3250',
      },
    };

    expect(explainLine(line, 'USD', { locale: 'en-US' })).toEqual([
      { label: 'Commitment', value: '$100.00 per period' },
      { label: 'Committed for this period', value: '$66.67: 66.7% of the period outside the trial' },
      { label: 'Charged in the period', value: '$34.17' },
      { label: 'Shortfall billed', value: '$32.50' },
    ]);
  });
});
