import { grantAmountProblem, grantInput } from './credit-grant-draft';

describe('a credit grant typed by finance', () => {
  it('turns major units into minor units exactly, in the currency’s own decimals', () => {
    expect(grantInput({ amount: '1,250.50', currency: 'USD', reason: ' Launch offer ', expiresOn: null })).toEqual({
      amountMinor: '125050',
      reason: 'Launch offer',
      expiresAt: null,
    });
    expect(grantInput({ amount: '5000', currency: 'JPY', reason: 'Pack', expiresOn: null }).amountMinor).toBe('5000');
    expect(grantInput({ amount: '1.005', currency: 'KWD', reason: 'Pack', expiresOn: null }).amountMinor).toBe('1005');
  });

  it('lets credits expiring on a day be spent until that day ends', () => {
    const { expiresAt } = grantInput({
      amount: '10',
      currency: 'USD',
      reason: 'Pack',
      expiresOn: new Date(2027, 2, 31),
    });
    const end = new Date(expiresAt ?? '');
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([
      2027, 2, 31, 23, 59,
    ]);
  });

  it('says what is wrong with an amount', () => {
    expect(grantAmountProblem('', 'USD')).toBe('Enter an amount');
    expect(grantAmountProblem('abc', 'USD')).toBe('Enter an amount like 120.50');
    expect(grantAmountProblem('0', 'USD')).not.toBeNull();
    expect(grantAmountProblem('1.5', 'JPY')).not.toBeNull();
    expect(grantAmountProblem('12.34', 'USD')).toBeNull();
  });
});
