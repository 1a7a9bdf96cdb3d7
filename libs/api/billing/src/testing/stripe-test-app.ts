import { startTestApp, type TestApp } from '@warbler/api/access/testing';
import Stripe from 'stripe';
import { BillingModule } from '../lib/billing.module';
import { StripeTestServer } from './stripe-server';

export const STRIPE_TEST_SECRET_KEY = 'sk_test_warbler';
export const STRIPE_TEST_WEBHOOK_SECRET = 'whsec_warbler_test_secret';

/** The billing module with Stripe on, its SDK pointed at a StripeTestServer of the test's own. */
export async function startStripeApp(): Promise<{ app: TestApp; stripe: StripeTestServer; close(): Promise<void> }> {
  const stripe = await StripeTestServer.start();
  const app = await startTestApp([BillingModule], {
    config: {
      billingProvider: 'stripe',
      stripeSecretKey: STRIPE_TEST_SECRET_KEY,
      stripeWebhookSecret: STRIPE_TEST_WEBHOOK_SECRET,
      stripeApiBase: new URL(stripe.url),
    },
  });
  return {
    app,
    stripe,
    close: async () => {
      await app.close();
      await stripe.close();
    },
  };
}

let events = 0;

/** A Stripe event about `object`, as Stripe would deliver it, with a fresh id unless one is given. */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: number } = {},
) {
  events += 1;
  return {
    id: options.id ?? `evt_test${String(events).padStart(6, '0')}${Date.now()}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: options.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** The raw body of an event and the Stripe-Signature header Stripe would send with it. */
export function signedDelivery(event: object, secret = STRIPE_TEST_WEBHOOK_SECRET) {
  const payload = JSON.stringify(event);
  const signature = new Stripe(STRIPE_TEST_SECRET_KEY).webhooks.generateTestHeaderString({ payload, secret });
  return { payload, body: Buffer.from(payload, 'utf8'), signature };
}
