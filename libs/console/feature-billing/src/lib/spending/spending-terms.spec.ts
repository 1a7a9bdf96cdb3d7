import { spendingControlsDraft, spendingShare, spendingState } from './spending-terms';

const limit = (minor: string) => `$${minor}`;

describe('spending terms', () => {
  it('tells where the spend stands, the cap before the alert', () => {
    expect(spendingState({ spentMinor: '100', alertMinor: '100', capMinor: '200' })).toBe('ALERTED');
    expect(spendingState({ spentMinor: '200', alertMinor: '100', capMinor: '200' })).toBe('CAPPED');
    expect(spendingState({ spentMinor: '99', alertMinor: '100', capMinor: null })).toBe('UNDER');
    expect(spendingState({ spentMinor: '5', alertMinor: null, capMinor: null })).toBe('UNDER');
  });

  it('measures the spend against the cap, else the alert, in tenths of a percent', () => {
    expect(spendingShare({ spentMinor: '1234', alertMinor: '1000', capMinor: '5000' })).toBe(24.6);
    expect(spendingShare({ spentMinor: '1500', alertMinor: '1000', capMinor: null })).toBe(100);
    expect(spendingShare({ spentMinor: '0', alertMinor: null, capMinor: '0' })).toBe(100);
    expect(spendingShare({ spentMinor: '10', alertMinor: null, capMinor: null })).toBeNull();
  });

  it('reads typed amounts as minor units, empty for none', () => {
    const open = { maxCapMinor: null, capRequired: false };
    expect(spendingControlsDraft('250', '1,000.50', 'USD', open, limit)).toEqual({
      ok: true,
      alertMinor: '25000',
      capMinor: '100050',
    });
    expect(spendingControlsDraft(' ', '', 'USD', open, limit)).toEqual({ ok: true, alertMinor: null, capMinor: null });
    expect(spendingControlsDraft('0.001', 'x', 'USD', open, limit)).toEqual({
      ok: false,
      alert: 'Too many decimals for this currency',
      cap: 'Enter an amount such as 250 or 1,000.00',
    });
  });

  it('holds the cap to finance’s limit and keeps a required one', () => {
    const limits = { maxCapMinor: '50000', capRequired: true };
    expect(spendingControlsDraft('', '500.01', 'USD', limits, limit)).toEqual({
      ok: false,
      cap: 'At most $50000, the highest cap your billing terms allow',
    });
    expect(spendingControlsDraft('', '', 'USD', limits, limit)).toEqual({
      ok: false,
      cap: 'Your billing terms require a cap',
    });
    expect(spendingControlsDraft('', '500', 'USD', limits, limit)).toEqual({
      ok: true,
      alertMinor: null,
      capMinor: '50000',
    });
  });
});
