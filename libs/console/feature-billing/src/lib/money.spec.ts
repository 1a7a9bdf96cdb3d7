import { formatMoney, parseMajorAmount, toMajorText } from './money';

describe('formatMoney', () => {
  it("writes minor units in the currency's own decimals", () => {
    expect(formatMoney('123456', 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney('1200', 'JPY', 'en-US')).toBe('¥1,200');
    expect(formatMoney('1005', 'KWD', 'en-US')).toBe('KWD\u00a01.005');
    expect(formatMoney('5', 'USD', 'en-US')).toBe('$0.05');
  });

  it('keeps credits negative and every digit of huge amounts', () => {
    expect(formatMoney('-1250', 'USD', 'en-US')).toBe('-$12.50');
    expect(formatMoney('9223372036854775807', 'USD', 'en-US')).toBe('$92,233,720,368,547,758.07');
  });

  it("follows the reader's locale", () => {
    expect(formatMoney('123456', 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
  });
});

describe('parseMajorAmount', () => {
  it('turns typed major units into minor units exactly', () => {
    expect(parseMajorAmount('12.5', 'USD')).toEqual({ ok: true, minor: '1250' });
    expect(parseMajorAmount(' 1,200.00 ', 'USD')).toEqual({ ok: true, minor: '120000' });
    expect(parseMajorAmount('1200', 'JPY')).toEqual({ ok: true, minor: '1200' });
    expect(parseMajorAmount('1.234', 'KWD')).toEqual({ ok: true, minor: '1234' });
    expect(parseMajorAmount('0.1', 'USD')).toEqual({ ok: true, minor: '10' });
    expect(parseMajorAmount('92233720368547758.07', 'USD')).toEqual({ ok: true, minor: '9223372036854775807' });
  });

  it('accepts trailing zeros beyond the minor unit, which change nothing', () => {
    expect(parseMajorAmount('12.500', 'USD')).toEqual({ ok: true, minor: '1250' });
    expect(parseMajorAmount('1200.0', 'JPY')).toEqual({ ok: true, minor: '1200' });
  });

  it('says what is wrong with an amount it cannot take', () => {
    expect(parseMajorAmount('', 'USD')).toEqual({ ok: false, problem: 'required' });
    expect(parseMajorAmount('ten', 'USD')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseMajorAmount('-5', 'USD')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseMajorAmount('1e3', 'USD')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseMajorAmount('0.001', 'USD')).toEqual({ ok: false, problem: 'tooPrecise' });
    expect(parseMajorAmount('12.5', 'JPY')).toEqual({ ok: false, problem: 'tooPrecise' });
    expect(parseMajorAmount('0.00', 'USD')).toEqual({ ok: false, problem: 'notPositive' });
  });
});

describe('toMajorText', () => {
  it('is what a person would type for the amount', () => {
    expect(toMajorText('1250', 'USD')).toBe('12.50');
    expect(toMajorText('1200', 'JPY')).toBe('1200');
    expect(toMajorText('7', 'KWD')).toBe('0.007');
  });
});
