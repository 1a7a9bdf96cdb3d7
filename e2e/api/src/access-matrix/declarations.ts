import type { ObjectKind } from './world';

/**
 * Who may call each operation of the GraphQL schema, declared by hand: the access matrix test
 * reads the operations from the running app's schema and fails on any operation declared here
 * that the schema no longer has, or any it has that is not declared here.
 *
 * The outcome of each caller follows from the roles an operation is declared for, by the rules of
 * `expectedOutcomes`; `except` names a caller whose outcome the rules do not give, with the reason.
 */

export const TENANT_ROLES = ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const;
export const STAFF_ROLES = ['PLATFORM_ADMIN', 'SUPPORT', 'FINANCE'] as const;
type TenantRole = (typeof TENANT_ROLES)[number];
type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Everyone the matrix asks. A tenant role works in its own tenant; `ROLE@other` is the same person
 * aiming the operation at another tenant's objects; `OWNER@other-header` is the owner naming the other
 * tenant in X-Tenant-Id; NO_TENANT is signed in with no tenant; the staff roles work in no tenant;
 * SUPPORT:<mode> works inside a support session, viewing a tenant as its owner.
 */
export type CallerName =
  | 'ANONYMOUS'
  | 'NO_TENANT'
  | TenantRole
  | `${TenantRole}@other`
  | 'OWNER@other-header'
  | StaffRole
  | 'SUPPORT:READ_ONLY'
  | 'SUPPORT:WRITE';

export const CALLER_NAMES: CallerName[] = [
  'ANONYMOUS',
  'NO_TENANT',
  ...TENANT_ROLES.flatMap((role) => [role, `${role}@other` as const]),
  'OWNER@other-header',
  ...STAFF_ROLES,
  'SUPPORT:READ_ONLY',
  'SUPPORT:WRITE',
];

/**
 * ALLOWED: past authorization (a BAD_USER_INPUT, NOT_FOUND, CONFLICT or QUOTA_EXCEEDED about the
 * placeholder arguments still is). NOT_VISIBLE: aimed at another tenant, it answers NOT_FOUND,
 * FORBIDDEN or a result without that tenant's data, and changes nothing of that tenant's.
 */
export type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_VISIBLE';

export interface Declaration {
  /** Public: anyone, signed in or not. Signed-in: anyone signed in. Roles: the roles listed. */
  access: 'public' | 'signed-in' | { tenant: readonly TenantRole[]; staff: readonly StaffRole[] };
  /** Support never changes it, even in a WRITE session: the viewed member's account, the tenant's say over support. */
  closedToSupport?: boolean;
  /** Which object each id argument names, by argument path (`input.tenantId`). */
  aims?: Record<string, ObjectKind>;
  /**
   * Own-tenant callers aim at an id that exists nowhere: a real target would lock a caller out of the
   * rest of the run (an owner who transfers ownership is an admin afterwards). Other-tenant callers
   * still aim at the other tenant's real object.
   */
  spareOwnTenant?: boolean;
  /** Fixed arguments where a placeholder would not do. */
  variables?: Record<string, unknown>;
  except?: Partial<Record<CallerName, Outcome>>;
}

const OWNER = ['OWNER'] as const;
const OWNER_ADMIN = ['OWNER', 'ADMIN'] as const;
const OWNER_BILLING = ['OWNER', 'BILLING_ADMIN'] as const;
const BILLING_PEOPLE = ['OWNER', 'ADMIN', 'BILLING_ADMIN'] as const;
const EVERY_MEMBER = TENANT_ROLES;
const CATALOG_READERS = STAFF_ROLES;
const FINANCE_DESK = ['PLATFORM_ADMIN', 'FINANCE'] as const;

const tenant = (roles: readonly TenantRole[], more: Omit<Declaration, 'access'> = {}): Declaration => ({
  access: { tenant: roles, staff: [] },
  ...more,
});
const staff = (roles: readonly StaffRole[], more: Omit<Declaration, 'access'> = {}): Declaration => ({
  access: { tenant: [], staff: roles },
  ...more,
});
const signedIn = (more: Omit<Declaration, 'access'> = {}): Declaration => ({ access: 'signed-in', ...more });

/**
 * What a tenant pays for is its own decision: support in a session may not change the subscription,
 * nor preview a change, even in a WRITE session.
 */
const SUPPORT_MAY_NOT_CHANGE_SUBSCRIPTION = { 'SUPPORT:WRITE': 'FORBIDDEN' } as const;
const SUPPORT_MAY_NOT_PREVIEW_SUBSCRIPTION_CHANGE = {
  'SUPPORT:READ_ONLY': 'FORBIDDEN',
  'SUPPORT:WRITE': 'FORBIDDEN',
} as const;

/** Support viewing as a user does not see where that user is signed in. */
const SIGN_INS_PRIVATE_TO_THEIR_USER = {
  'SUPPORT:READ_ONLY': 'FORBIDDEN',
  'SUPPORT:WRITE': 'FORBIDDEN',
} as const;

/** Staff name the tenant of the support session they aim at; a tenant's people work in their own. */
const SESSION_AIMS = { id: 'supportSession', tenantId: 'tenant' } as const;

export const DECLARATIONS: Record<string, Declaration> = {
  'Query.apiKeys': tenant(OWNER_ADMIN),
  'Query.auditEvents': tenant(OWNER_ADMIN),
  'Query.availablePlans': tenant(EVERY_MEMBER),
  'Query.billableMetrics': staff(CATALOG_READERS),
  'Query.billingProvider': tenant(BILLING_PEOPLE),
  'Query.coupons': staff(FINANCE_DESK),
  'Query.creditLedger': tenant(BILLING_PEOPLE),
  'Query.credits': tenant(BILLING_PEOPLE),
  'Query.currentSubscription': tenant(EVERY_MEMBER),
  'Query.currentTenant': tenant(EVERY_MEMBER),
  'Query.discounts': tenant(EVERY_MEMBER),
  'Query.exportJob': staff(['FINANCE'], { aims: { id: 'exportJob' } }),
  'Query.exportJobs': staff(['FINANCE']),
  'Query.financeCreditLedger': staff(FINANCE_DESK, { aims: { tenantId: 'tenant' } }),
  'Query.financeInvoices': staff(FINANCE_DESK, { aims: { tenantId: 'tenant' } }),
  'Query.financeTenantBillingTerms': staff(FINANCE_DESK, { aims: { tenantId: 'tenant' } }),
  'Query.financeTenantCredits': staff(FINANCE_DESK, { aims: { tenantId: 'tenant' } }),
  'Query.financeTenantTaxRate': staff(FINANCE_DESK, { aims: { tenantId: 'tenant' } }),
  'Query.invitationPreview': { access: 'public' },
  'Query.invitations': tenant(OWNER_ADMIN),
  'Query.invoice': tenant(BILLING_PEOPLE, { aims: { id: 'invoice' } }),
  'Query.invoices': tenant(BILLING_PEOPLE),
  'Query.me': signedIn(),
  'Query.members': tenant(BILLING_PEOPLE),
  'Query.mySessions': signedIn({ except: SIGN_INS_PRIVATE_TO_THEIR_USER }),
  'Query.mySupportSessions': staff(['SUPPORT']),
  'Query.notifications': tenant(OWNER_ADMIN),
  'Query.operatorTenant': staff(STAFF_ROLES, { aims: { id: 'tenant' } }),
  'Query.operatorTenants': staff(STAFF_ROLES),
  'Query.paymentMethod': tenant(BILLING_PEOPLE),
  'Query.pendingSupportSessions': staff(['PLATFORM_ADMIN']),
  'Query.plan': staff(CATALOG_READERS, { aims: { id: 'plan' } }),
  'Query.plans': staff(CATALOG_READERS),
  'Query.previewPlanVersionMove': staff(['PLATFORM_ADMIN'], {
    aims: { fromPlanVersionId: 'planVersion', toPlanVersionId: 'otherPlanVersion' },
  }),
  'Query.previewSubscriptionChange': tenant(BILLING_PEOPLE, {
    aims: { 'input.planVersionId': 'otherPlanVersion' },
    except: SUPPORT_MAY_NOT_PREVIEW_SUBSCRIPTION_CHANGE,
  }),
  'Query.revenueSummary': staff(['FINANCE']),
  'Query.spending': tenant(EVERY_MEMBER),
  'Query.staffAccounts': staff(['PLATFORM_ADMIN']),
  'Query.supportAccess': tenant(OWNER_ADMIN),
  'Query.supportSession': { access: { tenant: OWNER_ADMIN, staff: ['PLATFORM_ADMIN', 'SUPPORT'] }, aims: SESSION_AIMS },
  // The tenant's owners and admins read a session's request log (docs/support.md); staff do not.
  'Query.supportSessionRequests': tenant(OWNER_ADMIN, { aims: { id: 'supportSession' } }),
  'Query.supportSessions': tenant(OWNER_ADMIN),
  'Query.supportTenants': staff(['SUPPORT']),
  'Query.supportViewableMembers': staff(['SUPPORT'], { aims: { tenantId: 'tenant' } }),
  'Query.tenantDiscounts': staff(FINANCE_DESK, { aims: { tenantId: 'tenant' } }),
  'Query.tenantTaxRate': tenant(BILLING_PEOPLE),
  'Query.upcomingInvoice': tenant(BILLING_PEOPLE),
  'Query.usageOverview': tenant(EVERY_MEMBER),
  'Query.verifyAuditChain': tenant(OWNER_ADMIN),
  'Query.webhookDeliveries': tenant(OWNER_ADMIN, { aims: { endpointId: 'webhookEndpoint' } }),
  'Query.webhookDelivery': tenant(OWNER_ADMIN, { aims: { id: 'webhookDelivery' } }),
  'Query.webhookEndpoints': tenant(OWNER_ADMIN),

  'Mutation.acceptInvitation': signedIn(),
  'Mutation.applyCoupon': staff(FINANCE_DESK, { aims: { code: 'couponCode', tenantId: 'tenant' } }),
  'Mutation.approveSupportSession': staff(['PLATFORM_ADMIN'], { aims: SESSION_AIMS }),
  'Mutation.archiveBillableMetric': staff(['PLATFORM_ADMIN'], { aims: { id: 'metric' } }),
  'Mutation.archiveCoupon': staff(FINANCE_DESK, { aims: { id: 'coupon' } }),
  'Mutation.archivePlan': staff(['PLATFORM_ADMIN'], { aims: { id: 'plan' } }),
  'Mutation.assignSeat': tenant(OWNER_ADMIN, { aims: { memberId: 'member' } }),
  'Mutation.beginMfaEnrollment': signedIn(),
  'Mutation.cancelSubscription': tenant(BILLING_PEOPLE, { except: SUPPORT_MAY_NOT_CHANGE_SUBSCRIPTION }),
  'Mutation.changeMemberRole': tenant(OWNER_ADMIN, { aims: { memberId: 'member' }, variables: { role: 'MEMBER' } }),
  'Mutation.changeSubscription': tenant(BILLING_PEOPLE, {
    aims: { 'input.planVersionId': 'otherPlanVersion' },
    except: SUPPORT_MAY_NOT_CHANGE_SUBSCRIPTION,
  }),
  'Mutation.confirmMfaEnrollment': signedIn(),
  'Mutation.createApiKey': tenant(OWNER_ADMIN),
  'Mutation.createBillableMetric': staff(['PLATFORM_ADMIN']),
  'Mutation.createBillingPortalSession': tenant(BILLING_PEOPLE),
  'Mutation.createCoupon': staff(FINANCE_DESK),
  'Mutation.createExportJob': staff(['FINANCE']),
  'Mutation.createPaymentMethodCheckout': tenant(BILLING_PEOPLE),
  'Mutation.createPlan': staff(['PLATFORM_ADMIN']),
  'Mutation.createPlanDraft': staff(['PLATFORM_ADMIN'], { aims: { planId: 'plan' } }),
  'Mutation.createWebhookEndpoint': tenant(OWNER_ADMIN),
  'Mutation.deleteWebhookEndpoint': tenant(OWNER_ADMIN, { aims: { id: 'deletableWebhookEndpoint' } }),
  'Mutation.disableMfa': signedIn(),
  'Mutation.discardPlanDraft': staff(['PLATFORM_ADMIN'], { aims: { versionId: 'draftPlanVersion' } }),
  'Mutation.endSupportSession': {
    access: { tenant: OWNER, staff: ['PLATFORM_ADMIN', 'SUPPORT'] },
    aims: SESSION_AIMS,
    // Ending a session is the one change a session always may make, whatever its mode.
    except: { 'SUPPORT:READ_ONLY': 'ALLOWED', 'SUPPORT:WRITE': 'ALLOWED' },
  },
  'Mutation.finalizeInvoice': staff(['FINANCE'], { aims: { id: 'invoice' } }),
  'Mutation.grantCredits': staff(FINANCE_DESK, { aims: { 'input.tenantId': 'tenant' } }),
  'Mutation.grantStaffRole': staff(['PLATFORM_ADMIN'], { aims: { 'input.email': 'staffCandidateEmail' } }),
  'Mutation.grantSupportWrite': tenant(OWNER, { closedToSupport: true }),
  'Mutation.inviteMember': tenant(OWNER_ADMIN),
  'Mutation.issueCreditNote': staff(['FINANCE'], { aims: { 'input.invoiceId': 'invoice' } }),
  'Mutation.markAllNotificationsRead': tenant(OWNER_ADMIN),
  'Mutation.markNotificationsRead': tenant(OWNER_ADMIN, { aims: { ids: 'notification' } }),
  'Mutation.movePlanVersionSubscriptions': staff(['PLATFORM_ADMIN'], {
    aims: { fromPlanVersionId: 'planVersion', toPlanVersionId: 'otherPlanVersion' },
  }),
  'Mutation.publishPlanVersion': staff(['PLATFORM_ADMIN'], { aims: { versionId: 'draftPlanVersion' } }),
  'Mutation.reactivateTenant': staff(['PLATFORM_ADMIN'], { aims: { 'input.tenantId': 'tenant' } }),
  'Mutation.recordInvoicePayment': staff(['FINANCE'], { aims: { id: 'invoice' }, variables: { amountMinor: '1' } }),
  'Mutation.redeemCoupon': tenant(BILLING_PEOPLE),
  'Mutation.redeliverWebhook': tenant(OWNER_ADMIN, { aims: { id: 'webhookDelivery' } }),
  'Mutation.regenerateRecoveryCodes': signedIn(),
  'Mutation.removeDiscount': staff(FINANCE_DESK, { aims: { id: 'discount', tenantId: 'tenant' } }),
  'Mutation.removeMember': tenant(OWNER_ADMIN, { aims: { memberId: 'removableMember' } }),
  'Mutation.renameApiKey': tenant(OWNER_ADMIN, { aims: { id: 'apiKey' } }),
  'Mutation.resendInvitation': tenant(OWNER_ADMIN, { aims: { id: 'invitation' } }),
  'Mutation.resumeSubscription': tenant(BILLING_PEOPLE, { except: SUPPORT_MAY_NOT_CHANGE_SUBSCRIPTION }),
  'Mutation.revokeApiKey': tenant(OWNER_ADMIN, { aims: { id: 'apiKey' } }),
  'Mutation.revokeCreditGrant': staff(FINANCE_DESK, { aims: { grantId: 'creditGrant', tenantId: 'tenant' } }),
  'Mutation.revokeInvitation': tenant(OWNER_ADMIN, { aims: { id: 'invitation' } }),
  'Mutation.revokeSession': signedIn({ aims: { id: 'session' } }),
  'Mutation.revokeStaffRole': staff(['PLATFORM_ADMIN'], { aims: { userId: 'staffUser' } }),
  'Mutation.revokeSupportWrite': tenant(OWNER, { closedToSupport: true }),
  'Mutation.rotateWebhookSecret': tenant(OWNER_ADMIN, { aims: { id: 'webhookEndpoint' } }),
  'Mutation.sendTestWebhook': tenant(OWNER_ADMIN, { aims: { id: 'webhookEndpoint' } }),
  'Mutation.setDefaultPlan': staff(['PLATFORM_ADMIN'], { aims: { id: 'plan' } }),
  'Mutation.setSpendingControls': tenant(OWNER_BILLING),
  'Mutation.setSupportAccess': tenant(OWNER, { closedToSupport: true, variables: { access: 'ALLOWED' } }),
  'Mutation.setTenantMinimumCommitment': staff(FINANCE_DESK, { aims: { tenantId: 'tenant' } }),
  'Mutation.setTenantSpendingLimits': staff(['FINANCE'], { aims: { tenantId: 'tenant' } }),
  'Mutation.setTenantTaxRate': staff(['FINANCE'], { aims: { tenantId: 'tenant' } }),
  'Mutation.startSupportSession': staff(['SUPPORT'], { aims: { 'input.tenantId': 'tenant' } }),
  'Mutation.suspendTenant': staff(['PLATFORM_ADMIN'], { aims: { 'input.tenantId': 'tenant' } }),
  'Mutation.transferOwnership': tenant(OWNER, { aims: { memberId: 'member' }, spareOwnTenant: true }),
  'Mutation.unassignSeat': tenant(OWNER_ADMIN, { aims: { memberId: 'member' } }),
  'Mutation.updateBillableMetric': staff(['PLATFORM_ADMIN'], { aims: { id: 'metric' } }),
  'Mutation.updatePlan': staff(['PLATFORM_ADMIN'], { aims: { id: 'plan' } }),
  'Mutation.updatePlanDraft': staff(['PLATFORM_ADMIN'], { aims: { versionId: 'draftPlanVersion' } }),
  'Mutation.updateWebhookEndpoint': tenant(OWNER_ADMIN, { aims: { id: 'webhookEndpoint' } }),
  'Mutation.voidInvoice': staff(['FINANCE'], { aims: { id: 'invoice' } }),
};

/**
 * Each caller's outcome under the declaration, by these rules: nobody signed in gets UNAUTHENTICATED
 * (public operations aside); a role listed is ALLOWED, one not listed FORBIDDEN; a listed tenant role
 * aimed at another tenant gets NOT_VISIBLE, and naming a tenant one is no member of is FORBIDDEN
 * whatever the operation; a support session acts as the tenant's owner, except that
 * READ_ONLY changes nothing and WRITE changes nothing closed to support; staff powers never reach
 * into a support session, and a tenant role never reaches a staff operation.
 */
export function expectedOutcomes(isChange: boolean, declaration: Declaration): Record<CallerName, Outcome> {
  const outcomes = {} as Record<CallerName, Outcome>;
  const { access } = declaration;
  for (const caller of CALLER_NAMES) {
    outcomes[caller] = outcomeOf(caller, isChange, declaration, access);
  }
  return { ...outcomes, ...declaration.except };
}

function outcomeOf(
  caller: CallerName,
  isChange: boolean,
  declaration: Declaration,
  access: Declaration['access'],
): Outcome {
  if (access === 'public') return caller.endsWith('@other') ? 'NOT_VISIBLE' : 'ALLOWED';
  if (caller === 'ANONYMOUS') return 'UNAUTHENTICATED';
  if (caller === 'OWNER@other-header') return 'FORBIDDEN';
  const supportMode = caller.startsWith('SUPPORT:') ? caller.slice('SUPPORT:'.length) : null;
  if (supportMode === 'READ_ONLY' && isChange) return 'FORBIDDEN';
  if (supportMode === 'WRITE' && isChange && (access === 'signed-in' || declaration.closedToSupport)) {
    return 'FORBIDDEN';
  }
  if (access === 'signed-in') return caller.endsWith('@other') ? 'NOT_VISIBLE' : 'ALLOWED';
  if (supportMode) return access.tenant.includes('OWNER') ? 'ALLOWED' : 'FORBIDDEN';
  if (caller === 'NO_TENANT') return 'FORBIDDEN';
  if ((STAFF_ROLES as readonly string[]).includes(caller)) {
    return access.staff.includes(caller as StaffRole) ? 'ALLOWED' : 'FORBIDDEN';
  }
  const [role, elsewhere] = caller.split('@') as [TenantRole, string | undefined];
  if (!access.tenant.includes(role)) return 'FORBIDDEN';
  return elsewhere ? 'NOT_VISIBLE' : 'ALLOWED';
}
