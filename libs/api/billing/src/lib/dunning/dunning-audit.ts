/** The audit actions of dunning, recorded in the tenant's own log. */
export const DunningAction = {
  pastDue: 'subscription.past_due',
  pastDueCleared: 'subscription.past_due_cleared',
  suspended: 'tenant.suspended',
  reactivated: 'tenant.reactivated',
  paymentMethodUpdated: 'tenant.payment_method_updated',
} as const;

/** suspension_reason of a tenant that dunning suspended; payment lifts it, unlike a staff suspension. */
export const PAYMENT_OVERDUE = 'PAYMENT_OVERDUE';

/** Why a subscription became past due. */
export type PastDueCause = 'INVOICE_OVERDUE' | 'PAYMENT_FAILED';

/** Where the console shows what is owed. */
export const INVOICES_LINK = '/invoices';

export const day = (at: Date) => at.toISOString().slice(0, 10);
