import { changesBetween } from './audit-changes';

describe('changesBetween', () => {
  it('keeps only the fields that changed', () => {
    expect(
      changesBetween(
        { role: 'MEMBER', seatAssigned: false, email: 'a@x.test' },
        { role: 'ADMIN', seatAssigned: false, email: 'a@x.test' },
      ),
    ).toEqual({ role: { before: 'MEMBER', after: 'ADMIN' } });
  });

  it('records the whole new state of a creation and the whole old state of a deletion', () => {
    expect(changesBetween(undefined, { role: 'MEMBER', seatAssigned: true })).toEqual({
      role: { before: null, after: 'MEMBER' },
      seatAssigned: { before: null, after: true },
    });
    expect(changesBetween({ email: 'a@x.test' }, null)).toEqual({ email: { before: 'a@x.test', after: null } });
  });

  it('stores dates and bigints in their JSON form and compares by value', () => {
    const at = new Date('2026-11-23T10:00:00.000Z');
    expect(changesBetween({ expiresAt: at, count: 1n }, { expiresAt: new Date(at), count: 2n })).toEqual({
      count: { before: '1', after: '2' },
    });
    expect(changesBetween(undefined, { expiresAt: at })).toEqual({
      expiresAt: { before: null, after: '2026-11-23T10:00:00.000Z' },
    });
  });

  it('is empty when nothing changed', () => {
    expect(changesBetween({ role: 'ADMIN' }, { role: 'ADMIN' })).toEqual({});
  });
});
