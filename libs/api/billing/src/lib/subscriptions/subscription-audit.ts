import type { AuditState } from '@warbler/api/audit';
import type { SubscriptionModel } from '@warbler/api/core';

/** The audit actions of subscriptions, recorded in the tenant's own log whoever acted. */
export const SubscriptionAction = {
  planChanged: 'subscription.plan_changed',
  seatsChanged: 'subscription.seats_changed',
  changeScheduled: 'subscription.change_scheduled',
  canceled: 'subscription.canceled',
  resumed: 'subscription.resumed',
  moved: 'subscription.moved',
} as const;

export const SUBSCRIPTION_TARGET = 'Subscription';

/** The fields of a subscription a change can touch, in the form the audit log keeps. */
export function subscriptionState(subscription: SubscriptionModel): AuditState {
  return {
    planVersionId: subscription.planVersionId,
    seatQuantity: subscription.seatQuantity,
    trialEndsAt: subscription.trialEndsAt,
    scheduledPlanVersionId: subscription.scheduledPlanVersionId,
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    cancelRequestedAt: subscription.cancelRequestedAt,
  };
}
