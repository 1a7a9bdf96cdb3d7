import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from '@casl/ability';
import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import type { StaffRoleName, TenantRoleName } from './roles';

/**
 * The one place that says who may do what. The API checks these rules on every resolver
 * and route and again on each record; the console receives them packed (`me.permissions`)
 * only to hide what the user cannot do.
 */
export type Action =
  | 'manage'
  /** A support session opened on a tenant, to view it as one of its members: support staff's. */
  | 'impersonate'
  /** A support session asking to act (WRITE) without the owner's grant: a platform admin's. */
  | 'approve'
  /** A support session ended before its time: by its staff member, a platform admin or the tenant's owner. */
  | 'end'
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'invite'
  | 'assignSeat'
  | 'changeRole'
  | 'transferOwnership'
  | 'export'
  | 'verify'
  | 'publish'
  /** Invoices of every tenant, not only the one in context: the finance desk. */
  | 'readAcrossTenants'
  | 'finalize'
  | 'void'
  | 'recordPayment'
  /** Invoice and credit note documents (PDF, printable HTML): a tenant's own issued ones, or any for staff. */
  | 'download'
  /** Tenants of one plan version moved onto another in bulk: the platform admin's. */
  | 'moveTenants'
  /** A tenant suspended by the operator, or reactivated: the platform admin's. */
  | 'suspend'
  /** A coupon applied to a tenant by finance or a platform admin; a tenant admin redeems one with `create`. */
  | 'apply';

export type SubjectName =
  | 'all'
  /** Support impersonation sessions on a tenant. */
  | 'SupportSession'
  /** Whether a tenant lets support in, and the owner's standing grant for support to act. */
  | 'SupportAccess'
  | 'Tenant'
  | 'Member'
  | 'Invitation'
  | 'AuditLog'
  | 'ApiKey'
  | 'Profile'
  | 'Session'
  /** Billable metrics, plans and their versions: the platform's price list. */
  | 'Catalog'
  /** The tenant's plan version and billing period. */
  | 'Subscription'
  /** The tenant's metered usage and its quotas. */
  | 'Usage'
  | 'Notification'
  /** Invoices: a tenant's own (read), or every tenant's for finance staff. */
  | 'Invoice'
  /** Corrections of issued invoices; a tenant reads those of its own invoices. */
  | 'CreditNote'
  /** The tax rate a tenant's invoices are drafted with. */
  | 'TaxRate'
  /** Prepaid credits of a tenant, their balance and ledger: granted and revoked (`void`) by finance and platform admins. */
  | 'CreditGrant'
  /** The platform's coupons: finance and platform admins keep them. */
  | 'Coupon'
  /** A coupon a tenant redeemed (or staff applied to it): read by every member, redeemed by its admins. */
  | 'Discount'
  /** A tenant's minimum commitment per period and its spending limits, set by the operator. */
  | 'BillingTerms'
  /** The highest hard spending cap a tenant may set, and whether it must keep one: finance's. */
  | 'SpendingLimit'
  /** The tenant's spend this period, its spending alert and its hard spending cap. */
  | 'SpendingCap'
  /** The card Stripe charges the tenant's invoices to: seen and replaced through Stripe Checkout and the portal. */
  | 'PaymentMethod'
  /** Usage and invoice exports of any tenants, direct or as jobs, and the revenue summary: finance only. */
  | 'Export'
  /** The tenant's webhook endpoints, their signing secrets and deliveries: its owners and admins. */
  | 'Webhook'
  /** The operator's staff accounts and their roles. */
  | 'StaffAccount';

/** A record checked against record-level rules; build one with `asSubject`. */
export type SubjectRecord = Record<string, unknown>;

export type AppAbility = MongoAbility<[Action, SubjectName | SubjectRecord]>;

export interface AbilityContext {
  userId: string;
  tenantRole: TenantRoleName | null;
  staffRole: StaffRoleName | null;
  /** Staff who have not passed MFA get only what enrolment needs. */
  mfaSatisfied: boolean;
}

export function defineAbilityFor(context: AbilityContext): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);

  // Everyone signed in manages their own profile, MFA and sessions.
  can('read', 'Profile');
  can('update', 'Profile');
  can('read', 'Session');
  can('delete', 'Session');
  if (!context.mfaSatisfied) return build();

  switch (context.staffRole) {
    case 'PLATFORM_ADMIN':
      can(['read', 'create', 'update', 'publish'], 'Catalog');
      can('readAcrossTenants', 'Invoice');
      can('download', 'Invoice');
      can('readAcrossTenants', ['CreditNote', 'TaxRate']);
      can(['readAcrossTenants', 'create', 'void'], 'CreditGrant');
      can(['read', 'create', 'update'], 'Coupon');
      can(['readAcrossTenants', 'apply', 'delete'], 'Discount');
      can(['readAcrossTenants', 'update'], 'BillingTerms');
      can('moveTenants', 'Subscription');
      can(['read', 'approve', 'end'], 'SupportSession');
      can(['readAcrossTenants', 'suspend'], 'Tenant');
      can(['read', 'changeRole'], 'StaffAccount');
      break;
    case 'SUPPORT':
      can('read', 'Catalog');
      can(['impersonate', 'read', 'end'], 'SupportSession');
      can('readAcrossTenants', 'Tenant');
      break;
    case 'FINANCE':
      can('read', 'Catalog');
      can('readAcrossTenants', 'Tenant');
      can(['readAcrossTenants', 'finalize', 'void', 'recordPayment'], 'Invoice');
      can('download', 'Invoice');
      can(['readAcrossTenants', 'create'], 'CreditNote');
      can(['readAcrossTenants', 'update'], 'TaxRate');
      can(['readAcrossTenants', 'create', 'void'], 'CreditGrant');
      can(['read', 'create', 'update'], 'Coupon');
      can(['readAcrossTenants', 'apply', 'delete'], 'Discount');
      can(['readAcrossTenants', 'update'], 'BillingTerms');
      can('update', 'SpendingLimit');
      can(['create', 'read'], 'Export');
      break;
    default:
      break;
  }

  switch (context.tenantRole) {
    case 'OWNER':
      can('read', 'Tenant');
      can('update', 'Tenant');
      can(['read', 'invite', 'assignSeat', 'changeRole', 'delete', 'transferOwnership'], 'Member');
      can(['read', 'create', 'update', 'delete'], 'Invitation');
      can(['read', 'export', 'verify'], 'AuditLog');
      can(['read', 'create', 'update', 'delete'], 'ApiKey');
      can(['read', 'create', 'update', 'delete'], 'Webhook');
      can('read', ['Subscription', 'Usage', 'Notification', 'Invoice']);
      can('update', 'Subscription');
      can('read', ['CreditNote', 'TaxRate', 'CreditGrant']);
      can('download', 'Invoice');
      can(['read', 'update'], 'PaymentMethod');
      can(['read', 'create'], 'Discount');
      can(['read', 'update'], 'SpendingCap');
      can(['read', 'end'], 'SupportSession');
      can(['read', 'update'], 'SupportAccess');
      break;
    case 'ADMIN':
      can('read', 'Tenant');
      can(['read', 'invite', 'assignSeat', 'changeRole', 'delete'], 'Member');
      // Admins manage everyone but the owners, and cannot make anyone an owner.
      cannot(['changeRole', 'delete'], 'Member', { role: 'OWNER' });
      can(['read', 'create', 'update', 'delete'], 'Invitation');
      can(['read', 'export', 'verify'], 'AuditLog');
      can(['read', 'create', 'update', 'delete'], 'ApiKey');
      can(['read', 'create', 'update', 'delete'], 'Webhook');
      can('read', ['Subscription', 'Usage', 'Notification', 'Invoice']);
      can('update', 'Subscription');
      can('read', ['CreditNote', 'TaxRate', 'CreditGrant']);
      can('download', 'Invoice');
      can(['read', 'update'], 'PaymentMethod');
      can(['read', 'create'], 'Discount');
      can('read', 'SpendingCap');
      can('read', ['SupportSession', 'SupportAccess']);
      break;
    case 'BILLING_ADMIN':
      can('read', 'Tenant');
      can('read', 'Member');
      can('read', ['Subscription', 'Usage', 'Invoice']);
      can('update', 'Subscription');
      can('read', ['CreditNote', 'TaxRate', 'CreditGrant']);
      can('download', 'Invoice');
      can(['read', 'update'], 'PaymentMethod');
      can(['read', 'create'], 'Discount');
      can(['read', 'update'], 'SpendingCap');
      break;
    case 'MEMBER':
      can('read', 'Tenant');
      can('read', 'Discount');
      can('read', ['Subscription', 'Usage', 'SpendingCap']);
      break;
    default:
      break;
  }
  return build();
}

/** The rules in the compact form sent to the console. */
export function packAbility(ability: AppAbility): PackRule<AppAbility['rules'][number]>[] {
  return packRules(ability.rules);
}

export function unpackAbility(packed: PackRule<AppAbility['rules'][number]>[]): AppAbility {
  return createMongoAbility(unpackRules(packed) as AppAbility['rules']);
}

/** A record to check record-level rules against, e.g. `asSubject('Member', member)`. */
export function asSubject(type: SubjectName, record: Record<string, unknown>): SubjectRecord {
  return subject(type, { ...record });
}
