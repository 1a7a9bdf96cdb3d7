import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { PlatformDatabase, Prisma } from '@warbler/api/core';
import type Stripe from 'stripe';
import { BillingSystemActor } from '../dunning/billing-system-actor';
import { DunningAction } from '../dunning/dunning-audit';
import { storedSummary, summaryOf, type PaymentMethodSummary } from '../providers/payment-method-summary';
import { StripeGateway } from '../providers/stripe-gateway';

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : value?.id);

/**
 * The card on file, reconciled from the customer as Stripe holds it. A card added through Checkout
 * (setup mode) becomes the customer's default for invoices unless a newer card already is, so an
 * older setup delivered late does not undo a newer one; the portal sets defaults itself. The summary
 * the console shows is then written on the tenant, and audited when it changed.
 */
@Injectable()
export class PaymentMethodReconciliation {
  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
    private readonly system: BillingSystemActor,
  ) {}

  async fromCheckout(sessionId: string, requestId: string): Promise<string | null> {
    const session = await this.gateway.client.checkout.sessions.retrieve(sessionId);
    const setupIntent = idOf(session.setup_intent);
    if (session.mode === 'setup' && session.status === 'complete' && setupIntent) {
      return this.fromSetupIntent(setupIntent, requestId);
    }
    const customer = idOf(session.customer);
    return customer ? this.refresh(customer, requestId) : null;
  }

  async fromSetupIntent(setupIntentId: string, requestId: string): Promise<string | null> {
    const setupIntent = await this.gateway.client.setupIntents.retrieve(setupIntentId, { expand: ['payment_method'] });
    const customerId = idOf(setupIntent.customer);
    if (!customerId) return null;
    const added = setupIntent.payment_method;
    if (setupIntent.status !== 'succeeded' || !added || typeof added === 'string') {
      return this.refresh(customerId, requestId);
    }
    const tenantId = await this.tenantOf(customerId);
    if (!tenantId) return null;
    const current = await this.defaultPaymentMethod(customerId);
    if (current === undefined) return this.store(tenantId, null, requestId);
    if (current && (current.id === added.id || current.created >= added.created)) {
      return this.store(tenantId, summaryOf(current), requestId);
    }
    await this.gateway.client.customers.update(
      customerId,
      { invoice_settings: { default_payment_method: added.id } },
      { idempotencyKey: `warbler-default-payment-method-${added.id}` },
    );
    return this.store(tenantId, summaryOf(added), requestId);
  }

  async refresh(customerId: string, requestId: string): Promise<string | null> {
    const tenantId = await this.tenantOf(customerId);
    if (!tenantId) return null;
    return this.store(tenantId, summaryOf((await this.defaultPaymentMethod(customerId)) ?? null), requestId);
  }

  private async tenantOf(customerId: string): Promise<string | null> {
    const tenant = await this.platform.client.tenant.findUnique({
      where: { stripeCustomerId: customerId },
      select: { id: true },
    });
    return tenant?.id ?? null;
  }

  /** The customer's default card for invoices; null for none, undefined for a deleted customer. */
  private async defaultPaymentMethod(customerId: string): Promise<Stripe.PaymentMethod | null | undefined> {
    const customer = await this.gateway.client.customers.retrieve(customerId, {
      expand: ['invoice_settings.default_payment_method'],
    });
    if (customer.deleted) return undefined;
    const paymentMethod = customer.invoice_settings.default_payment_method;
    return typeof paymentMethod === 'string' ? null : paymentMethod;
  }

  private async store(tenantId: string, summary: PaymentMethodSummary | null, requestId: string): Promise<string> {
    await this.platform.client.$transaction(async (tx) => {
      const [tenant] = await tx.$queryRaw<{ payment_method_summary: unknown }[]>`
        SELECT payment_method_summary FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
      const before = storedSummary(tenant.payment_method_summary);
      if (JSON.stringify(before) === JSON.stringify(summary)) return;
      await tx.tenant.update({
        where: { id: tenantId },
        data: { paymentMethodSummary: summary ? { ...summary } : Prisma.DbNull },
      });
      await this.audit.record(tx, await this.system.in(tenantId, requestId), {
        action: DunningAction.paymentMethodUpdated,
        targetType: 'Tenant',
        targetId: tenantId,
        before: { paymentMethod: before },
        after: { paymentMethod: summary },
      });
    });
    return tenantId;
  }
}
