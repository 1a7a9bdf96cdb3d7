import { fieldChanges, formatValue } from './field-changes';

describe('fieldChanges', () => {
  it('pairs fields recorded as before and after objects', () => {
    expect(
      fieldChanges({
        before: { role: 'MEMBER' },
        after: { role: 'ADMIN', seat: true },
      }),
    ).toEqual([
      { field: 'role', before: 'MEMBER', after: 'ADMIN' },
      { field: 'seat', before: undefined, after: true },
    ]);
  });

  it('reads per-field before/after and from/to pairs', () => {
    expect(
      fieldChanges({
        role: { before: 'MEMBER', after: 'ADMIN' },
        seatAssigned: { from: false, to: true },
      }),
    ).toEqual([
      { field: 'role', before: 'MEMBER', after: 'ADMIN' },
      { field: 'seatAssigned', before: false, after: true },
    ]);
  });

  it('treats plain values as set from nothing, and anything else as no change', () => {
    expect(fieldChanges({ email: 'new@example.test' })).toEqual([
      { field: 'email', before: undefined, after: 'new@example.test' },
    ]);
    expect(fieldChanges(null)).toEqual([]);
    expect(fieldChanges(['x'])).toEqual([]);
  });

  it('formats values for reading', () => {
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(false)).toBe('false');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});
