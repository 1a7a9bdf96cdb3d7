import { randomUUID } from 'node:crypto';
import type { Prisma, SubscriptionChangeModel } from '@warbler/api/core';
import type { PlannedChange } from './change-planning';
import type { SubscriptionRow } from './subscription-lock';

type Tx = Prisma.TransactionClient;

const whereSubscription = (subscription: SubscriptionRow) => ({
  tenantId_id: { tenantId: subscription.tenantId, id: subscription.id },
});

/**
 * Records a change that takes effect now, chained from the terms the subscription is on, and puts
 * the subscription on the new terms. The period's invoice prorates it from this row. A new plan
 * version replaces whatever was scheduled for the period's end: the tenant chose again.
 */
export async function recordChange(
  tx: Tx,
  subscription: SubscriptionRow,
  planned: PlannedChange,
  by: { userId: string; idempotencyKey: string | null },
): Promise<SubscriptionChangeModel> {
  const change = await tx.subscriptionChange.create({
    data: {
      tenantId: subscription.tenantId,
      id: randomUUID(),
      subscriptionId: subscription.id,
      kind: planned.kind,
      effectiveAt: planned.at,
      periodStart: planned.period.start,
      periodEnd: planned.period.end,
      fromPlanVersionId: subscription.planVersionId,
      toPlanVersionId: planned.target.id,
      fromSeatQuantity: subscription.seatQuantity,
      toSeatQuantity: planned.seatQuantity,
      requestedByUserId: by.userId,
      idempotencyKey: by.idempotencyKey,
    },
  });
  await tx.subscription.update({
    where: whereSubscription(subscription),
    data: {
      planVersionId: planned.target.id,
      seatQuantity: planned.seatQuantity,
      ...(planned.trialEndsAt && { trialEndsAt: planned.trialEndsAt }),
      ...(planned.versionChanged && {
        scheduledPlanVersionId: null,
        cancelAtPeriodEnd: false,
        cancelRequestedAt: null,
      }),
    },
  });
  return change;
}

/** Makes the planned version the one the next period starts on; a cancellation says so. */
export async function scheduleChange(
  tx: Tx,
  subscription: SubscriptionRow,
  planned: PlannedChange,
  cancellation: { requestedAt: Date } | null,
): Promise<void> {
  await tx.subscription.update({
    where: whereSubscription(subscription),
    data: {
      scheduledPlanVersionId: planned.target.id,
      cancelAtPeriodEnd: cancellation !== null,
      cancelRequestedAt: cancellation?.requestedAt ?? null,
    },
  });
}

/** Drops what was scheduled for the period's end, a cancellation included. */
export async function clearScheduledChange(tx: Tx, subscription: SubscriptionRow): Promise<void> {
  await tx.subscription.update({
    where: whereSubscription(subscription),
    data: { scheduledPlanVersionId: null, cancelAtPeriodEnd: false, cancelRequestedAt: null },
  });
}
