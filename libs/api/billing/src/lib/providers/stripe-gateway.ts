import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, conflict } from '@warbler/api/core';
import Stripe from 'stripe';

export const providerNotConfigured = () =>
  conflict('Card payments through Stripe are not turned on for this Warbler', 'PROVIDER_NOT_CONFIGURED');

/**
 * The official Stripe SDK, configured once from the environment: Stripe itself, or the origin in
 * STRIPE_API_BASE (a local mock in tests). The SDK retries nothing: every outbound call either runs
 * from the outbox, which retries with backoff, or is answered to a person who can try again.
 */
@Injectable()
export class StripeGateway {
  private readonly stripe: Stripe | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.stripe = config.stripeSecretKey
      ? new Stripe(config.stripeSecretKey, clientOptions(config.stripeApiBase))
      : null;
  }

  get enabled(): boolean {
    return this.stripe !== null;
  }

  /** The SDK; CONFLICT PROVIDER_NOT_CONFIGURED when Stripe is off. */
  get client(): Stripe {
    if (!this.stripe) throw providerNotConfigured();
    return this.stripe;
  }

  /** Checks the signature of a webhook delivery and parses it; throws the SDK's verification error. */
  webhookEvent(rawBody: Buffer, signature: string): Stripe.Event {
    if (!this.config.stripeWebhookSecret) throw providerNotConfigured();
    return this.client.webhooks.constructEvent(rawBody, signature, this.config.stripeWebhookSecret);
  }
}

function clientOptions(apiBase: URL | null): Stripe.StripeConfig {
  const options: Stripe.StripeConfig = {
    maxNetworkRetries: 0,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Warbler' },
  };
  if (!apiBase) return options;
  const protocol = apiBase.protocol === 'http:' ? 'http' : 'https';
  return {
    ...options,
    host: apiBase.hostname,
    port: apiBase.port || (protocol === 'http' ? 80 : 443),
    protocol,
  };
}
