import { asSubject, defineAbilityFor, packAbility, unpackAbility, type AbilityContext } from './abilities';

const as = (tenantRole: AbilityContext['tenantRole'], extra: Partial<AbilityContext> = {}) =>
  defineAbilityFor({ userId: 'u1', tenantRole, staffRole: null, mfaSatisfied: true, ...extra });

describe('abilities', () => {
  it('gives each tenant role exactly its powers over members', () => {
    const table = (['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const).map((role) => {
      const ability = as(role);
      return [
        role,
        ['read', 'invite', 'assignSeat', 'changeRole', 'delete', 'transferOwnership'].filter((a) =>
          ability.can(a as never, 'Member'),
        ),
      ];
    });
    expect(table).toEqual([
      ['OWNER', ['read', 'invite', 'assignSeat', 'changeRole', 'delete', 'transferOwnership']],
      ['ADMIN', ['read', 'invite', 'assignSeat', 'changeRole', 'delete']],
      ['BILLING_ADMIN', ['read']],
      ['MEMBER', []],
    ]);
  });

  it('stops an admin from changing or removing an owner', () => {
    const admin = as('ADMIN');
    expect(admin.can('changeRole', asSubject('Member', { role: 'OWNER', userId: 'x' }))).toBe(false);
    expect(admin.can('delete', asSubject('Member', { role: 'OWNER', userId: 'x' }))).toBe(false);
    expect(admin.can('delete', asSubject('Member', { role: 'MEMBER', userId: 'x' }))).toBe(true);
    expect(as('OWNER').can('delete', asSubject('Member', { role: 'OWNER', userId: 'x' }))).toBe(true);
  });

  it('limits the audit log to owners and admins', () => {
    expect(as('OWNER').can('read', 'AuditLog')).toBe(true);
    expect(as('ADMIN').can('read', 'AuditLog')).toBe(true);
    expect(as('BILLING_ADMIN').can('read', 'AuditLog')).toBe(false);
    expect(as('MEMBER').can('read', 'AuditLog')).toBe(false);
  });

  it('shows a tenant’s invoices to its owners, admins and billing admins, never to members', () => {
    expect(
      (['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const).map((role) => as(role).can('read', 'Invoice')),
    ).toEqual([true, true, true, false]);
    const owner = as('OWNER');
    expect(
      ['readAcrossTenants', 'finalize', 'void', 'recordPayment'].some((a) => owner.can(a as never, 'Invoice')),
    ).toBe(false);
  });

  it('gives the finance desk to FINANCE, a read of it to PLATFORM_ADMIN, and nothing to SUPPORT', () => {
    const actions = ['read', 'readAcrossTenants', 'finalize', 'void', 'recordPayment'] as const;
    const table = (['FINANCE', 'PLATFORM_ADMIN', 'SUPPORT'] as const).map((staffRole) => {
      const ability = as(null, { staffRole });
      return [staffRole, actions.filter((action) => ability.can(action, 'Invoice'))];
    });
    expect(table).toEqual([
      ['FINANCE', ['readAcrossTenants', 'finalize', 'void', 'recordPayment']],
      ['PLATFORM_ADMIN', ['readAcrossTenants']],
      ['SUPPORT', []],
    ]);
    expect(as(null, { staffRole: 'FINANCE', mfaSatisfied: false }).can('finalize', 'Invoice')).toBe(false);
  });

  it('gives a user with MFA pending only their profile', () => {
    const pending = as('OWNER', { mfaSatisfied: false });
    expect(pending.can('update', 'Profile')).toBe(true);
    expect(pending.can('read', 'Member')).toBe(false);
    expect(pending.can('read', 'Tenant')).toBe(false);
  });

  it('gives staff nothing inside a tenant without a support session', () => {
    const staff = as(null, { staffRole: 'PLATFORM_ADMIN' });
    expect(staff.can('read', 'Member')).toBe(false);
    expect(staff.can('read', 'Profile')).toBe(true);
  });

  it('survives packing for the console', () => {
    const original = as('ADMIN');
    const copy = unpackAbility(packAbility(original));
    expect(copy.can('invite', 'Member')).toBe(true);
    expect(copy.can('changeRole', asSubject('Member', { role: 'OWNER', userId: 'x' }))).toBe(false);
    expect(copy.can('transferOwnership', 'Member')).toBe(false);
  });
});
