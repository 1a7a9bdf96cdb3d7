import { initialsOf } from './avatar';

describe('initialsOf', () => {
  it('takes the first and last initials, or the start of a single word', () => {
    expect(initialsOf('Olivia Owner')).toBe('OO');
    expect(initialsOf('Ada Byron Lovelace')).toBe('AL');
    expect(initialsOf('new-person@example.test')).toBe('NT');
    expect(initialsOf('ops')).toBe('OP');
    expect(initialsOf('  ')).toBe('?');
  });
});
