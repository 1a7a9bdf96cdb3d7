import { describeBaseFee, describeSeatPrice, newIdempotencyKey, seatQuantityProblem } from './plan-terms';

const team = {
  currency: 'USD',
  interval: 'MONTH' as const,
  baseFeeMinor: '4900',
  seatUnitPrice: '8',
  includedSeats: 5,
  maxSeats: 10,
};

describe('plan terms in words', () => {
  it('says the base fee per period', () => {
    expect(describeBaseFee(team, 'en-US')).toBe('$49.00 a month');
    expect(describeBaseFee({ ...team, interval: 'YEAR', currency: 'JPY', baseFeeMinor: '50000' }, 'en-US')).toBe(
      '¥50,000 a year',
    );
    expect(describeBaseFee({ ...team, baseFeeMinor: '0' }, 'en-US')).toBe('No base fee');
  });

  it('says what seats cost beyond the included ones, and the most allowed', () => {
    expect(describeSeatPrice(team, 'en-US')).toBe('5 seats included, then $8.00 per seat a month (up to 10)');
    expect(describeSeatPrice({ ...team, includedSeats: 1 }, 'en-US')).toBe(
      '1 seat included, then $8.00 per seat a month (up to 10)',
    );
    expect(describeSeatPrice({ ...team, includedSeats: 0, seatUnitPrice: '12.5' }, 'en-US')).toBe(
      '$12.50 per seat a month, up to 10',
    );
    expect(describeSeatPrice({ ...team, seatUnitPrice: '0' }, 'en-US')).toBe('Seats at no charge, up to 10');
  });
});

describe('seatQuantityProblem', () => {
  const limits = { seatsInUse: 4, maxSeats: 10 };

  it('accepts whole numbers from the seats in use to the maximum', () => {
    expect(seatQuantityProblem('4', limits)).toBeNull();
    expect(seatQuantityProblem(' 10 ', limits)).toBeNull();
  });

  it('explains the seat counts it refuses', () => {
    expect(seatQuantityProblem('', limits)).toBe('Enter a whole number of seats');
    expect(seatQuantityProblem('4.5', limits)).toBe('Enter a whole number of seats');
    expect(seatQuantityProblem('-1', limits)).toBe('Enter a whole number of seats');
    expect(seatQuantityProblem('3', limits)).toBe('At least 4: that many seats are assigned');
    expect(seatQuantityProblem('11', limits)).toBe('The plan allows at most 10 seats');
  });
});

describe('newIdempotencyKey', () => {
  it('is new every time and acceptable to the API (printable, no spaces, at most 200 characters)', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[\x21-\x7e]{1,200}$/);
  });
});
