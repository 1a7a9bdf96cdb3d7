import { Injectable } from '@nestjs/common';
import { PlatformDatabase, type Prisma } from '@warbler/api/core';
import type Stripe from 'stripe';
import { unixSeconds } from './stripe-amounts';
import { type PartPrices, partOfLookupKey, StripeCatalog } from './stripe-catalog';
import { StripeCustomers } from './stripe-customers';
import { StripeGateway } from './stripe-gateway';

/** Stripe subscriptions that are over: no longer a mirror. */
const ENDED = new Set<Stripe.Subscription.Status>(['canceled', 'incomplete_expired']);

export const mirrorEnded = (subscription: Stripe.Subscription) => ENDED.has(subscription.status);

/** The subscription items of each part, as subscriptions.stripe_item_ids keeps them. */
export type StripeItemIds = Record<string, string>;

/** The item ids of a Stripe subscription by the part their price stands for. */
export function itemIdsOf(subscription: Stripe.Subscription): StripeItemIds {
  const ids: StripeItemIds = {};
  for (const item of subscription.items.data) {
    const part = partOfLookupKey(item.price.lookup_key);
    if (part) ids[part] = item.id;
  }
  return ids;
}

/**
 * Keeps a Stripe subscription per tenant on the tenant's plan version and seat quantity: items for the
 * base fee, the seats (quantity = seat quantity) and each charged metric. It is created with Warbler's
 * period end as its billing date and no proration, so its first invoice is empty (a period that has
 * already ended waits for the rollover, so the create call is the same on every retry), then at once set to
 * `pause_collection: void`: Stripe drafts its own invoices for the subscription but voids them
 * instead of charging, because the money is collected on the mirrored Warbler invoices, which are
 * exact to the cent; charging both would bill the customer twice.
 */
@Injectable()
export class StripeSubscriptionMirror {
  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
    private readonly customers: StripeCustomers,
    private readonly catalog: StripeCatalog,
  ) {}

  async sync(tenantId: string, subscriptionId: string, idempotencyKey: string, now: Date): Promise<void> {
    const subscription = await this.platform.client.subscription.findUnique({
      where: { tenantId_id: { tenantId, id: subscriptionId } },
    });
    if (!subscription) return;
    const customer = await this.customers.forTenant(tenantId);
    const prices = await this.catalog.pricesOf(subscription.planVersionId);
    const stripe = this.gateway.client.subscriptions;
    // A mirror created by an attempt that could not record it is found again rather than made twice.
    const adopted = subscription.stripeSubscriptionId ? undefined : await this.liveMirror(customer, subscription.id);
    const mirrorId = subscription.stripeSubscriptionId ?? adopted?.id;
    let mirrored: Stripe.Subscription;
    if (!mirrorId) {
      if (subscription.currentPeriodEnd <= now) {
        throw new Error('the current period has ended: the mirror is created once the period has rolled over');
      }
      const created = await stripe.create(
        {
          customer,
          items: prices.map(({ part, priceId }) => ({
            price: priceId,
            ...(part === 'seats' && { quantity: subscription.seatQuantity }),
          })),
          billing_cycle_anchor: unixSeconds(subscription.currentPeriodEnd),
          proration_behavior: 'none',
          metadata: { warbler_tenant_id: tenantId, warbler_subscription_id: subscription.id },
        },
        // One Stripe subscription per Warbler subscription, whichever outbox entry gets here first.
        { idempotencyKey: `warbler-subscription-${subscription.id}` },
      );
      mirrored = await stripe.update(
        created.id,
        { pause_collection: { behavior: 'void' } },
        { idempotencyKey: `warbler-subscription-${subscription.id}-pause` },
      );
    } else {
      const current = adopted ? itemIdsOf(adopted) : (subscription.stripeItemIds as StripeItemIds);
      mirrored = await stripe.update(
        mirrorId,
        {
          items: itemChanges(prices, current, subscription.seatQuantity),
          proration_behavior: 'none',
          pause_collection: { behavior: 'void' },
        },
        { idempotencyKey: `${idempotencyKey}:subscription` },
      );
    }
    await this.platform.client.subscription.update({
      where: { tenantId_id: { tenantId, id: subscription.id } },
      data: { stripeSubscriptionId: mirrored.id, stripeItemIds: itemIdsOf(mirrored) as Prisma.InputJsonValue },
    });
  }

  /** The customer's live Stripe subscription mirroring this Warbler subscription, if Stripe has one. */
  private async liveMirror(customer: string, subscriptionId: string): Promise<Stripe.Subscription | undefined> {
    for await (const candidate of this.gateway.client.subscriptions.list({ customer, status: 'all', limit: 100 })) {
      if (candidate.metadata['warbler_subscription_id'] === subscriptionId && !mirrorEnded(candidate)) return candidate;
    }
    return undefined;
  }
}

/** Each part's item moved to the version's price, new parts added, parts the version no longer has removed. */
function itemChanges(prices: PartPrices, current: StripeItemIds, seatQuantity: number) {
  const wanted = new Set(prices.map(({ part }) => part));
  return [
    ...prices.map(({ part, priceId }) => ({
      ...(current[part] && { id: current[part] }),
      price: priceId,
      ...(part === 'seats' && { quantity: seatQuantity }),
    })),
    ...Object.entries(current)
      .filter(([part]) => !wanted.has(part))
      .map(([, id]) => ({ id, deleted: true })),
  ];
}
