import { Injectable } from '@nestjs/common';
import { PlatformDatabase } from '@warbler/api/core';
import { StripeGateway } from '../providers/stripe-gateway';
import { itemIdsOf, mirrorEnded } from '../providers/stripe-subscription-mirror';

/**
 * The ids of the Stripe subscription mirroring a Warbler subscription, reconciled from the subscription
 * as Stripe holds it now: a live one (of the tenant's own customer) is recorded with its item ids, an
 * ended one that was the mirror is forgotten. The plan stays Warbler's: nothing here changes it.
 */
@Injectable()
export class SubscriptionReconciliation {
  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
  ) {}

  async reconcile(stripeSubscriptionId: string): Promise<string | null> {
    const mirror = await this.gateway.client.subscriptions.retrieve(stripeSubscriptionId);
    const tenantId = mirror.metadata['warbler_tenant_id'];
    const subscriptionId = mirror.metadata['warbler_subscription_id'];
    if (!tenantId || !subscriptionId) return null;
    const local = await this.platform.client.subscription.findFirst({
      where: { tenantId, id: subscriptionId },
      select: { stripeSubscriptionId: true, tenant: { select: { stripeCustomerId: true } } },
    });
    const customer = typeof mirror.customer === 'string' ? mirror.customer : mirror.customer.id;
    if (!local || local.tenant.stripeCustomerId !== customer) return null;
    const where = { tenantId_id: { tenantId, id: subscriptionId } };
    // An ended mirror is forgotten; the backfill job creates a new one.
    if (mirrorEnded(mirror)) {
      if (local.stripeSubscriptionId === mirror.id) {
        await this.platform.client.subscription.update({
          where,
          data: { stripeSubscriptionId: null, stripeItemIds: {} },
        });
      }
    } else if (!local.stripeSubscriptionId || local.stripeSubscriptionId === mirror.id) {
      await this.platform.client.subscription.update({
        where,
        data: { stripeSubscriptionId: mirror.id, stripeItemIds: itemIdsOf(mirror) },
      });
    }
    return tenantId;
  }
}
