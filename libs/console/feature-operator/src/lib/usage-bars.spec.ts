import { percentOfLimit } from './usage-bars';

describe('percentOfLimit', () => {
  it('is the share of the limit used, capped at a full bar', () => {
    expect(percentOfLimit('250', '1000')).toBe(25);
    expect(percentOfLimit('1250.5', '1000')).toBe(100);
    expect(percentOfLimit('0', '1000')).toBe(0);
  });

  it('is null without a limit, and full for a zero limit', () => {
    expect(percentOfLimit('7', null)).toBeNull();
    expect(percentOfLimit('0', '0')).toBe(100);
  });
});
