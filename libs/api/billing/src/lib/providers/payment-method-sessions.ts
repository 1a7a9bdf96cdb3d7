import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, conflict, Database, type TenantActor } from '@warbler/api/core';
import Stripe from 'stripe';
import { BillingProvider } from './payment-method.model';
import { type PaymentMethodSummary, storedSummary } from './payment-method-summary';
import { consoleReturnUrl } from './return-url';
import { stripeCurrency } from './stripe-amounts';
import { StripeCustomers } from './stripe-customers';
import { providerNotConfigured, StripeGateway } from './stripe-gateway';

/**
 * What a tenant's billing admins do about the card Stripe charges: see it, add one through Stripe
 * Checkout (setup mode: no charge, the card is kept for the invoices to come) and manage cards and
 * billing details in Stripe's Customer Portal. The card itself never reaches Warbler; webhooks bring
 * back its summary (brand, last four digits, expiry).
 */
@Injectable()
export class PaymentMethodSessions {
  constructor(
    private readonly gateway: StripeGateway,
    private readonly customers: StripeCustomers,
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  provider(): BillingProvider {
    return this.gateway.enabled ? BillingProvider.STRIPE : BillingProvider.LOCAL;
  }

  async summary(actor: TenantActor): Promise<PaymentMethodSummary | null> {
    if (!this.gateway.enabled) throw providerNotConfigured();
    const tenant = await this.db.forTenant(actor).tenant.findFirstOrThrow({ select: { paymentMethodSummary: true } });
    return storedSummary(tenant.paymentMethodSummary);
  }

  async checkout(actor: TenantActor, returnUrl: string): Promise<string> {
    if (!this.gateway.enabled) throw providerNotConfigured();
    const url = consoleReturnUrl(returnUrl, this.config.publicUrl);
    const subscription = await this.db
      .forTenant(actor)
      .subscription.findFirst({ select: { planVersion: { select: { currency: true } } } });
    const session = await reachStripe(async () =>
      this.gateway.client.checkout.sessions.create({
        mode: 'setup',
        customer: await this.customers.forActor(actor),
        currency: stripeCurrency(subscription?.planVersion.currency ?? 'USD'),
        success_url: url,
        cancel_url: url,
        metadata: { warbler_tenant_id: actor.tenantId },
        setup_intent_data: { metadata: { warbler_tenant_id: actor.tenantId } },
      }),
    );
    if (!session.url) throw new Error(`Stripe answered Checkout session ${session.id} without a URL`);
    return session.url;
  }

  async portal(actor: TenantActor, returnUrl: string): Promise<string> {
    if (!this.gateway.enabled) throw providerNotConfigured();
    const url = consoleReturnUrl(returnUrl, this.config.publicUrl);
    const session = await reachStripe(async () =>
      this.gateway.client.billingPortal.sessions.create({
        customer: await this.customers.forActor(actor),
        return_url: url,
      }),
    );
    return session.url;
  }
}

/** Stripe being unreachable or refusing is something the person can retry, not a server error. */
async function reachStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      throw conflict('Stripe could not open the page just now; try again in a moment', 'PROVIDER_UNAVAILABLE');
    }
    throw error;
  }
}
