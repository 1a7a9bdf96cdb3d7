import { remainingTime } from './remaining-time';

describe('remainingTime', () => {
  const now = new Date('2026-11-27T10:00:00Z');

  it('counts minutes and seconds', () => {
    expect(remainingTime(new Date('2026-11-27T10:29:05Z'), now)).toBe('29:05');
  });

  it('adds hours past the hour', () => {
    expect(remainingTime(new Date('2026-11-27T14:00:00Z'), now)).toBe('4:00:00');
  });

  it('stops at zero', () => {
    expect(remainingTime(new Date('2026-11-27T09:00:00Z'), now)).toBe('0:00');
  });
});
