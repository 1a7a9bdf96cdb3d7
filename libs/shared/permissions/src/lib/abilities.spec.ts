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

  it('lets FINANCE issue credit notes and set tax rates; tenants read their own; everyone entitled downloads', () => {
    const who = [
      ['FINANCE', as(null, { staffRole: 'FINANCE' })],
      ['PLATFORM_ADMIN', as(null, { staffRole: 'PLATFORM_ADMIN' })],
      ['SUPPORT', as(null, { staffRole: 'SUPPORT' })],
      ['OWNER', as('OWNER')],
      ['ADMIN', as('ADMIN')],
      ['BILLING_ADMIN', as('BILLING_ADMIN')],
      ['MEMBER', as('MEMBER')],
    ] as const;
    const table = who.map(([name, ability]) => [
      name,
      [
        ability.can('create', 'CreditNote') && 'create CreditNote',
        ability.can('readAcrossTenants', 'CreditNote') && 'readAcrossTenants CreditNote',
        ability.can('read', 'CreditNote') && 'read CreditNote',
        ability.can('update', 'TaxRate') && 'update TaxRate',
        ability.can('readAcrossTenants', 'TaxRate') && 'readAcrossTenants TaxRate',
        ability.can('read', 'TaxRate') && 'read TaxRate',
        ability.can('download', 'Invoice') && 'download Invoice',
      ].filter(Boolean),
    ]);
    expect(table).toEqual([
      [
        'FINANCE',
        [
          'create CreditNote',
          'readAcrossTenants CreditNote',
          'update TaxRate',
          'readAcrossTenants TaxRate',
          'download Invoice',
        ],
      ],
      ['PLATFORM_ADMIN', ['readAcrossTenants CreditNote', 'readAcrossTenants TaxRate', 'download Invoice']],
      ['SUPPORT', []],
      ['OWNER', ['read CreditNote', 'read TaxRate', 'download Invoice']],
      ['ADMIN', ['read CreditNote', 'read TaxRate', 'download Invoice']],
      ['BILLING_ADMIN', ['read CreditNote', 'read TaxRate', 'download Invoice']],
      ['MEMBER', []],
    ]);
  });

  it('lets owners, admins and billing admins see and replace the payment method, and no one else', () => {
    const table = (['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const).map((role) => [
      role,
      (['read', 'update'] as const).filter((action) => as(role).can(action, 'PaymentMethod')),
    ]);
    expect(table).toEqual([
      ['OWNER', ['read', 'update']],
      ['ADMIN', ['read', 'update']],
      ['BILLING_ADMIN', ['read', 'update']],
      ['MEMBER', []],
    ]);
    for (const staffRole of ['PLATFORM_ADMIN', 'SUPPORT', 'FINANCE'] as const) {
      expect(as(null, { staffRole }).can('read', 'PaymentMethod')).toBe(false);
    }
    expect(as('OWNER', { mfaSatisfied: false }).can('update', 'PaymentMethod')).toBe(false);
  });

  it('lets owners, admins and billing admins change the subscription, members only read it', () => {
    expect(
      (['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const).map((role) => [
        as(role).can('read', 'Subscription'),
        as(role).can('update', 'Subscription'),
        as(role).can('moveTenants', 'Subscription'),
      ]),
    ).toEqual([
      [true, true, false],
      [true, true, false],
      [true, true, false],
      [true, false, false],
    ]);
  });

  it('gives bulk moves between plan versions to PLATFORM_ADMIN alone, and no staff a tenant’s subscription', () => {
    expect(
      (['PLATFORM_ADMIN', 'SUPPORT', 'FINANCE'] as const).map((staffRole) => {
        const ability = as(null, { staffRole });
        return [ability.can('moveTenants', 'Subscription'), ability.can('update', 'Subscription')];
      }),
    ).toEqual([
      [true, false],
      [false, false],
      [false, false],
    ]);
    expect(as(null, { staffRole: 'PLATFORM_ADMIN', mfaSatisfied: false }).can('moveTenants', 'Subscription')).toBe(
      false,
    );
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

  it('gives webhooks to tenant owners and admins only, and to no staff outside a support session', () => {
    const actions = ['read', 'create', 'update', 'delete'] as const;
    expect(
      (['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const).map((role) =>
        actions.filter((action) => as(role).can(action, 'Webhook')),
      ),
    ).toEqual([[...actions], [...actions], [], []]);
    for (const staffRole of ['PLATFORM_ADMIN', 'SUPPORT', 'FINANCE'] as const) {
      expect(as(null, { staffRole }).can('read', 'Webhook')).toBe(false);
    }
    expect(as('OWNER', { mfaSatisfied: false }).can('read', 'Webhook')).toBe(false);
  });

  it('survives packing for the console', () => {
    const original = as('ADMIN');
    const copy = unpackAbility(packAbility(original));
    expect(copy.can('invite', 'Member')).toBe(true);
    expect(copy.can('changeRole', asSubject('Member', { role: 'OWNER', userId: 'x' }))).toBe(false);
    expect(copy.can('transferOwnership', 'Member')).toBe(false);
  });
});
