import { Injectable } from '@nestjs/common';
import { type Actor, Database, PlatformDatabase } from '@warbler/api/core';
import { StripeGateway } from './stripe-gateway';

interface CustomerOwner {
  id: string;
  name: string;
  slug: string;
  stripeCustomerId: string | null;
}

const OWNER_FIELDS = { id: true, name: true, slug: true, stripeCustomerId: true } as const;

/**
 * One Stripe customer per tenant, created the first time anything needs it and remembered in
 * tenants.stripe_customer_id. Its idempotency key is the tenant's, so the outbox and a tenant admin
 * asking for Checkout at the same moment get the same customer from Stripe, never two.
 */
@Injectable()
export class StripeCustomers {
  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
    private readonly db: Database,
  ) {}

  /** For the outbox and webhooks, which work across tenants. */
  async forTenant(tenantId: string): Promise<string> {
    const tenants = this.platform.client.tenant;
    const owner = await tenants.findUniqueOrThrow({ where: { id: tenantId }, select: OWNER_FIELDS });
    return this.ensure(owner, async (customerId) => {
      await tenants.updateMany({
        where: { id: tenantId, stripeCustomerId: null },
        data: { stripeCustomerId: customerId },
      });
      return (await tenants.findUniqueOrThrow({ where: { id: tenantId }, select: OWNER_FIELDS })).stripeCustomerId;
    });
  }

  /** For a tenant admin's request, under row-level security. */
  async forActor(actor: Pick<Actor, 'tenantId'>): Promise<string> {
    const tenants = this.db.forTenant(actor).tenant;
    const owner = await tenants.findFirstOrThrow({ select: OWNER_FIELDS });
    return this.ensure(owner, async (customerId) => {
      await tenants.updateMany({
        where: { id: owner.id, stripeCustomerId: null },
        data: { stripeCustomerId: customerId },
      });
      return (await tenants.findFirstOrThrow({ select: OWNER_FIELDS })).stripeCustomerId;
    });
  }

  private async ensure(owner: CustomerOwner, store: (customerId: string) => Promise<string | null>): Promise<string> {
    if (owner.stripeCustomerId) return owner.stripeCustomerId;
    const customer = await this.gateway.client.customers.create(
      { name: owner.name, metadata: { tenant_id: owner.id, tenant_slug: owner.slug } },
      { idempotencyKey: `warbler-customer-${owner.id}` },
    );
    // Whoever stored first wins; both got the same customer from Stripe.
    return (await store(customer.id)) ?? customer.id;
  }
}
