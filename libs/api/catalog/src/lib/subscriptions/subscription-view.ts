import { notFound, type Prisma, type TenantTx } from '@warbler/api/core';
import { toPlanVersion } from '../graphql/plan.model';
import { PlanSummaryModel, SubscriptionStatus, TenantSubscriptionModel } from '../graphql/subscription.model';
import { PLAN_VERSION_WITH_PLAN } from '../shared/catalog-rows';

const SUBSCRIPTION_VIEW = {
  planVersion: { include: PLAN_VERSION_WITH_PLAN },
  scheduledPlanVersion: { include: PLAN_VERSION_WITH_PLAN },
} as const satisfies Prisma.SubscriptionInclude;

type SubscriptionViewRow = Prisma.SubscriptionGetPayload<{ include: typeof SUBSCRIPTION_VIEW }>;

export function toPlanSummary(plan: {
  id: string;
  code: string;
  name: string;
  description: string;
  isDefault: boolean;
}): PlanSummaryModel {
  return { id: plan.id, code: plan.code, name: plan.name, description: plan.description, isDefault: plan.isDefault };
}

export function subscriptionStatus(
  subscription: { pastDueSince: Date | null; trialEndsAt: Date | null },
  now: Date,
): SubscriptionStatus {
  if (subscription.pastDueSince) return SubscriptionStatus.PAST_DUE;
  if (subscription.trialEndsAt && subscription.trialEndsAt.getTime() > now.getTime()) {
    return SubscriptionStatus.TRIALING;
  }
  return SubscriptionStatus.ACTIVE;
}

function toTenantSubscription(row: SubscriptionViewRow, seatsInUse: number, now: Date): TenantSubscriptionModel {
  const scheduled = row.scheduledPlanVersion;
  return {
    id: row.id,
    planName: row.planVersion.plan.name,
    planCode: row.planVersion.plan.code,
    planVersion: toPlanVersion(row.planVersion, null),
    status: subscriptionStatus(row, now),
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
    billingAnchorAt: row.billingAnchorAt,
    trialEndsAt: row.trialEndsAt,
    seatQuantity: row.seatQuantity,
    seatsInUse,
    scheduledPlan: scheduled ? toPlanSummary(scheduled.plan) : null,
    scheduledPlanVersion: scheduled ? toPlanVersion(scheduled, null) : null,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    cancelRequestedAt: row.cancelRequestedAt,
    pastDueSince: row.pastDueSince,
  };
}

/**
 * A tenant's subscription as the tenant sees it. Run it in the transaction that changed the
 * subscription, so the answer is exactly what was committed.
 */
export async function readTenantSubscription(
  tx: TenantTx,
  tenantId: string,
  now = new Date(),
): Promise<TenantSubscriptionModel> {
  const row = await tx.subscription.findUnique({ where: { tenantId }, include: SUBSCRIPTION_VIEW });
  if (!row) throw notFound('Subscription');
  const seatsInUse = await tx.membership.count({ where: { tenantId, status: 'ACTIVE', seatAssigned: true } });
  return toTenantSubscription(row, seatsInUse, now);
}
