import { randomUUID } from 'node:crypto';
import type { BillingInterval, Prisma, SubscriptionChangeModel } from '@warbler/api/core';
import { type BillingPeriod, seatsCarriedTo } from '@warbler/shared/pricing';
import { periodFrom } from './billing-periods';

/** What a subscription is billed on between two changes. */
export interface CurrentTerms {
  planVersionId: string;
  seatQuantity: number;
  interval: BillingInterval;
  billingAnchorAt: Date;
}

export interface AppliedChange {
  change: SubscriptionChangeModel;
  terms: CurrentTerms;
  /** The period the new terms start with. */
  period: BillingPeriod;
}

/**
 * Puts the scheduled plan version in effect at `boundary`, the end of the period just closed, and
 * records it (SCHEDULED_APPLIED, effective at the new period's start, so it is not prorated: it sets
 * the terms that period starts on). The seats paid for carry over within the version's limits. A
 * change of billing interval anchors billing afresh at the boundary.
 */
export async function applyScheduledChange(
  tx: Prisma.TransactionClient,
  subscription: { tenantId: string; id: string },
  current: CurrentTerms,
  scheduledPlanVersionId: string,
  boundary: Date,
): Promise<AppliedChange> {
  const target = await tx.planVersion.findUniqueOrThrow({ where: { id: scheduledPlanVersionId } });
  const billingAnchorAt = target.interval === current.interval ? current.billingAnchorAt : boundary;
  const terms: CurrentTerms = {
    planVersionId: target.id,
    seatQuantity: seatsCarriedTo(current.seatQuantity, target),
    interval: target.interval,
    billingAnchorAt,
  };
  const period = periodFrom(boundary, terms.interval, billingAnchorAt);
  const change = await tx.subscriptionChange.create({
    data: {
      tenantId: subscription.tenantId,
      id: randomUUID(),
      subscriptionId: subscription.id,
      kind: 'SCHEDULED_APPLIED',
      effectiveAt: boundary,
      periodStart: period.start,
      periodEnd: period.end,
      fromPlanVersionId: current.planVersionId,
      toPlanVersionId: terms.planVersionId,
      fromSeatQuantity: current.seatQuantity,
      toSeatQuantity: terms.seatQuantity,
    },
  });
  return { change, terms, period };
}
