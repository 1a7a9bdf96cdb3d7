import { nextTier, type TierRow, tierProblems } from './tiers';

const tier = (fromUnits: string, upTo: string, unitPrice = '0.01'): TierRow => ({
  fromUnits,
  upTo,
  unitPrice,
  flatFee: '0',
});

describe('nextTier', () => {
  it('starts the first tier at 0', () => {
    expect(nextTier([])).toEqual({ fromUnits: '0', upTo: '', unitPrice: '', flatFee: '0' });
  });

  it('starts a new tier where the previous one ends', () => {
    expect(nextTier([tier('0', '1000'), tier('1000', '5000')]).fromUnits).toBe('5000');
  });
});

describe('tierProblems', () => {
  it('accepts tiers that meet end to end and end unbounded', () => {
    expect(tierProblems([tier('0', '1000'), tier('1000', '5000'), tier('5000', '')])).toEqual([null, null, null]);
  });

  it('finds gaps and overlaps between tiers', () => {
    expect(tierProblems([tier('0', '1000'), tier('1200', '')])).toEqual([null, 'Gap: the previous tier ends at 1000']);
    expect(tierProblems([tier('0', '1000'), tier('900', '')])).toEqual([
      null,
      'Overlap: the previous tier ends at 1000',
    ]);
  });

  it('wants the first tier at 0 and every tier to end after it starts', () => {
    expect(tierProblems([tier('10', '')])).toEqual(['The first tier starts at 0']);
    expect(tierProblems([tier('0', '0'), tier('0', '')])[0]).toBe('Up to must be more than From');
  });

  it('wants exactly the last tier unbounded', () => {
    expect(tierProblems([tier('0', ''), tier('0', '')])[0]).toBe('Only the last tier can be unbounded');
    expect(tierProblems([tier('0', '100')])).toEqual(['The last tier must be unbounded (leave Up to empty)']);
  });

  it('refuses prices that are not numbers of 0 or more', () => {
    expect(tierProblems([tier('0', '', '-1')])).toEqual(['Unit price must be a number of 0 or more']);
    expect(tierProblems([tier('0', '', '')])).toEqual(['Unit price must be a number of 0 or more']);
  });

  it('compares decimals exactly', () => {
    expect(tierProblems([tier('0', '0.1'), tier('0.10', '')])).toEqual([null, null]);
  });
});
