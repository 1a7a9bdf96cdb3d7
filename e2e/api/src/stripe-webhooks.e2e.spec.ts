import { randomUUID } from 'node:crypto';
import { closeOwnerClient, ownerClient } from '@warbler/api/core/testing';
import Stripe from 'stripe';
import { startApp, type StartedApp } from './support/started-app';

const SECRET_KEY = 'sk_test_warbler_e2e';
const WEBHOOK_SECRET = 'whsec_warbler_e2e';

/**
 * POST /webhooks/stripe through the real app as main.ts configures it: the route receives the exact
 * bytes Stripe signed, answers 400 and stores nothing without a valid signature, stores an event
 * once by id and answers a repeated delivery with 200 and no change. The events used here concern no
 * tenant, so nothing is asked of Stripe (whose API this app is pointed at a closed port for).
 */
describe('POST /webhooks/stripe', () => {
  let started: StartedApp;
  const stripe = new Stripe(SECRET_KEY);

  beforeAll(async () => {
    process.env['STRIPE_SECRET_KEY'] = SECRET_KEY;
    process.env['STRIPE_WEBHOOK_SECRET'] = WEBHOOK_SECRET;
    process.env['STRIPE_API_BASE'] = 'http://127.0.0.1:9';
    started = await startApp();
  });

  afterAll(async () => {
    await started.close();
    await closeOwnerClient();
    for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE']) delete process.env[name];
  });

  const event = () => ({
    id: `evt_e2e_${randomUUID().replaceAll('-', '')}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'customer.updated',
    data: { object: { id: `cus_e2e_${randomUUID().slice(0, 8)}`, object: 'customer' } },
  });

  async function post(body: string, signature?: string, contentType = 'application/json') {
    const response = await fetch(`${started.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(signature && { 'stripe-signature': signature }) },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const sign = (payload: string) => stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
  const stored = (id: string) => ownerClient().stripeWebhookEvent.findUnique({ where: { id } });

  it('stores a signed event once and answers its replay with 200, changing nothing', async () => {
    const delivered = event();
    // Stripe's own formatting, which a parse-and-serialize round trip would not keep byte for byte.
    const payload = JSON.stringify(delivered, null, 2);
    const signature = sign(payload);

    expect(await post(payload, signature)).toEqual({ status: 200, body: { received: true, outcome: 'processed' } });
    const first = await stored(delivered.id);
    expect(first).toMatchObject({ type: 'customer.updated', payload: delivered, processedAt: expect.any(Date) });

    expect(await post(payload, signature)).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } });
    expect(await stored(delivered.id)).toEqual(first);
  });

  type Delivery = (payload: string) => { body: string; signature?: string };
  it.each<[string, Delivery]>([
    [
      'a tampered body',
      (payload) => ({ body: payload.replace('"livemode":false', '"livemode":true'), signature: sign(payload) }),
    ],
    [
      'a signature with another secret',
      (payload) => ({
        body: payload,
        signature: stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }),
      }),
    ],
    ['no signature', (payload) => ({ body: payload })],
  ])('answers 400 INVALID_SIGNATURE to %s and stores nothing', async (_what, deliveryOf) => {
    const refused = event();
    const { body, signature } = deliveryOf(JSON.stringify(refused));
    const answer = await post(body, signature);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_SIGNATURE' });
    expect(await stored(refused.id)).toBeNull();
  });

  it('checks the signature over the bytes whatever content type they came with', async () => {
    const delivered = event();
    const payload = JSON.stringify(delivered);
    expect((await post(payload, sign(payload), 'text/plain')).status).toBe(200);
    expect(await stored(delivered.id)).not.toBeNull();
  });
});
