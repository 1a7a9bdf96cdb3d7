import { paymentAmountProblem } from './payment-amount';

const usd = { currency: 'USD', amountDueMinor: '12050' };

describe('paymentAmountProblem', () => {
  it('accepts a part or all of what is due', () => {
    expect(paymentAmountProblem('50', usd, 'en-US')).toBeNull();
    expect(paymentAmountProblem('120.50', usd, 'en-US')).toBeNull();
    expect(paymentAmountProblem('0.01', usd, 'en-US')).toBeNull();
  });

  it('refuses more than is due, naming what is', () => {
    expect(paymentAmountProblem('120.51', usd, 'en-US')).toBe('Only $120.50 is still due');
  });

  it('explains amounts that cannot be money in the currency', () => {
    expect(paymentAmountProblem('', usd)).toBe('Enter an amount');
    expect(paymentAmountProblem('12,0x', usd)).toBe('Enter an amount like 120.50');
    expect(paymentAmountProblem('1.005', usd)).toBe('USD has 2 decimals at most');
    expect(paymentAmountProblem('10.5', { currency: 'JPY', amountDueMinor: '5000' })).toBe('JPY has no decimals');
    expect(paymentAmountProblem('0', usd)).toBe('The amount must be above 0');
  });
});
