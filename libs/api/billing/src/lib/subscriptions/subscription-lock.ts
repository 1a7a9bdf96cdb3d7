import { notFound, type Prisma } from '@warbler/api/core';

type Tx = Prisma.TransactionClient;

export const SUBSCRIPTION_ROW = {
  planVersion: { include: { plan: true } },
} as const satisfies Prisma.SubscriptionInclude;

export type SubscriptionRow = Prisma.SubscriptionGetPayload<{ include: typeof SUBSCRIPTION_ROW }>;

/**
 * Locks the tenant's row, then its subscription's, until the transaction ends, and reads the
 * subscription as it is under the lock. Changes of one subscription run one after another, each
 * chained from the terms the previous one left. The tenant's row comes first, as in every change of
 * memberships, so a seat cannot be assigned between the check of seats in use and the commit.
 */
export async function lockSubscription(tx: Tx, tenantId: string): Promise<SubscriptionRow> {
  await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM subscriptions WHERE tenant_id = ${tenantId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound('Subscription');
  return tx.subscription.findUniqueOrThrow({ where: { tenantId }, include: SUBSCRIPTION_ROW });
}

/** The subscription without a lock, for reads that change nothing (previews, estimates). */
export async function readSubscription(tx: Tx, tenantId: string): Promise<SubscriptionRow> {
  const subscription = await tx.subscription.findUnique({ where: { tenantId }, include: SUBSCRIPTION_ROW });
  if (!subscription) throw notFound('Subscription');
  return subscription;
}
