import { seatsCarriedTo } from './seat-quantity';

describe('seatsCarriedTo', () => {
  const team = { includedSeats: 5, maxSeats: 10 };

  it('keeps the seats paid for when the version allows them', () => {
    expect(seatsCarriedTo(8, team)).toBe(8);
  });

  it('raises them to the included seats, which cost nothing', () => {
    expect(seatsCarriedTo(3, team)).toBe(5);
  });

  it('caps them at the version’s maximum', () => {
    expect(seatsCarriedTo(20, team)).toBe(10);
  });
});
