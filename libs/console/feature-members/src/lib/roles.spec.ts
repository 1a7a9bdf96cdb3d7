import { assignableRoles } from './roles';

describe('assignableRoles', () => {
  it('offers the owner role to owners only', () => {
    expect(assignableRoles('OWNER').map((option) => option.value)).toEqual([
      'MEMBER',
      'BILLING_ADMIN',
      'ADMIN',
      'OWNER',
    ]);
    expect(assignableRoles('ADMIN').map((option) => option.value)).toEqual(['MEMBER', 'BILLING_ADMIN', 'ADMIN']);
    expect(assignableRoles(null).map((option) => option.value)).not.toContain('OWNER');
  });
});
