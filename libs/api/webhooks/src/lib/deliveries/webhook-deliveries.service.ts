import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { Database, type TenantActor, type WebhookDeliveryStatus } from '@warbler/api/core';
import { WebhookDispatcher } from '../delivery/webhook-dispatcher';
import { attemptUnderWay, endpointDisabled, WEBHOOK_DELIVERY_TARGET, WebhookAction } from '../endpoints/webhook-rules';
import { afterCursor } from './delivery-cursor';
import { DELIVERY_INCLUDE, type DeliveryRecord, readDelivery } from './delivery-records';

export interface DeliveryPage {
  endpointId?: string | null;
  status?: WebhookDeliveryStatus | null;
  first: number;
  after?: string | null;
}

/** A tenant's deliveries with their attempts, newest first, and redelivery from the console. */
@Injectable()
export class WebhookDeliveries {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /** `first + 1` rows: the extra one only tells that another page exists. */
  page(actor: TenantActor, page: DeliveryPage): Promise<DeliveryRecord[]> {
    return this.db.forTenant(actor).transaction((tx) =>
      tx.webhookDelivery.findMany({
        where: {
          ...(page.endpointId && { endpointId: page.endpointId }),
          ...(page.status && { status: page.status }),
          ...afterCursor(page.after),
        },
        include: DELIVERY_INCLUDE,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.first + 1,
      }),
    );
  }

  get(actor: TenantActor, id: string): Promise<DeliveryRecord> {
    return this.db.forTenant(actor).transaction((tx) => readDelivery(tx, id));
  }

  /**
   * One more attempt, now, whatever the delivery's state: it is PENDING again with its next attempt
   * due at once. Its retry window is not extended, so a redelivery that fails after the window is
   * FAILED again rather than retried for days. Refused while an attempt is under way, and for a
   * disabled endpoint, which gets nothing until it is enabled again.
   */
  async redeliver(actor: TenantActor, id: string): Promise<DeliveryRecord> {
    const delivery = await this.db.forTenant(actor).transaction(async (tx) => {
      const before = await readDelivery(tx, id);
      const endpoint = await tx.webhookEndpoint.findFirst({
        where: { id: before.endpointId },
        select: { enabled: true },
      });
      if (!endpoint?.enabled) throw endpointDisabled();
      const now = new Date();
      const { count } = await tx.webhookDelivery.updateMany({
        where: { id, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
        data: { status: 'PENDING', nextAttemptAt: now, deliveredAt: null },
      });
      if (count === 0) throw attemptUnderWay();
      await this.audit.record(tx, actor, {
        action: WebhookAction.deliveryRetried,
        targetType: WEBHOOK_DELIVERY_TARGET,
        targetId: id,
        before: { status: before.status, eventId: before.eventId, endpointId: before.endpointId },
        after: { status: 'PENDING', eventId: before.eventId, endpointId: before.endpointId },
      });
      return readDelivery(tx, id);
    });
    this.dispatcher.wake();
    return delivery;
  }
}
