import type { Prisma, TenantTx } from '@warbler/api/core';
import type { WebhookDeliveryModel } from '../graphql/webhook-delivery.model';
import { WebhookDeliveryStatus } from '../graphql/webhook-enums';
import { deliveryNotFound } from '../endpoints/webhook-rules';

/** Everything the console shows of a delivery, read in one query. */
export const DELIVERY_INCLUDE = {
  event: { select: { id: true, type: true, createdAt: true, data: true } },
  endpoint: { select: { url: true } },
  attemptsMade: { orderBy: { number: 'asc' } },
} as const satisfies Prisma.WebhookDeliveryInclude;

export type DeliveryRecord = Prisma.WebhookDeliveryGetPayload<{ include: typeof DELIVERY_INCLUDE }>;

/** A delivery of the transaction's tenant; row-level security makes other tenants' ids NOT_FOUND. */
export async function readDelivery(tx: TenantTx, id: string): Promise<DeliveryRecord> {
  const delivery = await tx.webhookDelivery.findFirst({ where: { id }, include: DELIVERY_INCLUDE });
  if (!delivery) throw deliveryNotFound();
  return delivery;
}

export function toDelivery(delivery: DeliveryRecord): WebhookDeliveryModel {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    endpointUrl: delivery.endpoint.url,
    event: delivery.event,
    status: delivery.status as WebhookDeliveryStatus,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === WebhookDeliveryStatus.PENDING ? delivery.nextAttemptAt : null,
    retryUntil: delivery.retryUntil,
    lastAttemptAt: delivery.lastAttemptAt,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    deliveredAt: delivery.deliveredAt,
    createdAt: delivery.createdAt,
    attemptLog: delivery.attemptsMade.map((attempt) => ({
      number: attempt.number,
      attemptedAt: attempt.attemptedAt,
      durationMs: attempt.durationMs,
      succeeded: attempt.succeeded,
      statusCode: attempt.statusCode,
      error: attempt.error,
      responseSnippet: attempt.responseSnippet,
    })),
  };
}
