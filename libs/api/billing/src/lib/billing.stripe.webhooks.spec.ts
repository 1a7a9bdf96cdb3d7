import { randomUUID } from 'node:crypto';
import { type Actor, PlatformDatabase } from '@warbler/api/core';
import Stripe from 'stripe';
import {
  actorFor,
  closeOwnerClient,
  draftInvoiceWith,
  newMember,
  newTenant,
  ownerClient,
  signedInStaffAs,
} from '../testing';
import type { StripeTestServer } from '../testing/stripe-server';
import {
  signedDelivery,
  startStripeApp,
  STRIPE_TEST_SECRET_KEY,
  STRIPE_TEST_WEBHOOK_SECRET,
  stripeEvent,
} from '../testing/stripe-test-app';
import { BILLING_SYSTEM_EMAIL } from './dunning/billing-system-actor';
import { DunningJob } from './dunning/dunning-job';
import { InvoiceFinalization } from './finance/invoice-finalization';
import { BillingEvents } from './providers/billing-events';
import { PaymentMethodSessions } from './providers/payment-method-sessions';
import { ProviderOutbox } from './providers/provider-outbox';
import { StripeMirrorBackfill } from './providers/stripe-mirror-backfill';
import { StripeWebhookInbox } from './webhooks/stripe-webhook-inbox';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Stripe webhooks: signed, stored once, reconciled from the object', () => {
  let close: () => Promise<void>;
  let stripe: StripeTestServer;
  let inbox: StripeWebhookInbox;
  let outbox: ProviderOutbox;
  let finance: Actor;
  let get: <T>(type: new (...args: never[]) => T) => T;

  beforeAll(async () => {
    const started = await startStripeApp();
    ({ close, stripe } = started);
    get = (type) => started.app.app.get(type);
    inbox = get(StripeWebhookInbox);
    outbox = get(ProviderOutbox);
    const { user } = await signedInStaffAs('FINANCE');
    finance = {
      userId: user.id,
      email: user.email,
      sessionId: 'stripe-webhooks',
      staffRole: 'FINANCE',
      tenantId: null,
      tenantRole: null,
      membershipId: null,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId: 'stripe-webhooks',
      ip: null,
    };
  });

  afterAll(async () => {
    await close();
    await closeOwnerClient();
  });

  const deliver = (event: { id: string }) => {
    const { body, signature } = signedDelivery(event);
    return inbox.receive(body, signature);
  };
  const stored = (id: string) => ownerClient().stripeWebhookEvent.findUnique({ where: { id } });

  /** An issued invoice of 86.50 + 20 % tax, copied to Stripe by the outbox; returns it and its copy. */
  async function mirroredInvoice(tenantId: string) {
    const draft = await draftInvoiceWith(tenantId, {
      taxRatePercent: '20',
      lines: [{ description: 'Team base fee', amountMinor: 8650n }],
    });
    const invoice = await get(InvoiceFinalization).finalize(finance, draft.id);
    const written = await ownerClient().providerOutboxEntry.count({
      where: { tenantId, kind: 'invoice.finalized', payload: { path: ['invoiceId'], equals: invoice.id } },
    });
    if (written === 0) {
      await get(PlatformDatabase).client.$transaction((tx) =>
        get(BillingEvents).record(tx, tenantId, { kind: 'invoice.finalized', invoiceId: invoice.id }),
      );
    }
    await outbox.sendDue(new Date(), tenantId);
    const { stripeInvoiceId } = await ownerClient().invoice.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: invoice.id } },
    });
    return { invoice, copyId: stripeInvoiceId as string };
  }

  const copy = (id: string) => ({ ...(stripe.account.invoices.get(id) as Record<string, unknown>) });

  async function standing(tenantId: string, invoiceId: string) {
    const invoice = await ownerClient().invoice.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: invoiceId } },
      include: { payments: true },
    });
    const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } });
    const tenant = await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenantId } });
    return {
      status: invoice.status,
      amountPaidMinor: invoice.amountPaidMinor,
      payments: invoice.payments.map((payment) => ({
        amountMinor: payment.amountMinor,
        method: payment.method,
        reference: payment.reference === invoice.stripeInvoiceId ? 'the Stripe copy' : payment.reference,
      })),
      pastDueSince: subscription.pastDueSince,
      tenantStatus: tenant.status,
    };
  }

  describe('signatures', () => {
    const event = () => stripeEvent('customer.updated', { id: 'cus_nobody', object: 'customer' });

    it('stores and processes a correctly signed event', async () => {
      const signedEvent = event();
      expect(await deliver(signedEvent)).toBe('processed');
      expect(await stored(signedEvent.id)).toMatchObject({
        type: 'customer.updated',
        payload: signedEvent,
        tenantId: null,
        processedAt: expect.any(Date),
        error: null,
      });
    });

    it.each([
      [
        'a tampered body',
        (e: object) => ({ ...signedDelivery(e), body: Buffer.from(JSON.stringify({ ...e, livemode: true })) }),
      ],
      ['another secret', (e: object) => signedDelivery(e, 'whsec_someone_else')],
      [
        'a signature too old to trust',
        (e: object) => {
          const payload = JSON.stringify(e);
          const signature = new Stripe(STRIPE_TEST_SECRET_KEY).webhooks.generateTestHeaderString({
            payload,
            secret: STRIPE_TEST_WEBHOOK_SECRET,
            timestamp: Math.floor(Date.now() / 1000) - 3600,
          });
          return { body: Buffer.from(payload), signature };
        },
      ],
      ['no signature', (e: object) => ({ body: Buffer.from(JSON.stringify(e)), signature: undefined })],
    ])('refuses %s with INVALID_SIGNATURE and stores nothing', async (_what, deliveryOf) => {
      const refused = event();
      const { body, signature } = deliveryOf(refused);
      stripe.clear();
      await expect(inbox.receive(body, signature)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_SIGNATURE',
      });
      expect(await stored(refused.id)).toBeNull();
      expect(stripe.requests).toEqual([]);
    });
  });

  it('invoice.paid: one CARD payment by the billing system, however often and in whatever form it comes', async () => {
    const tenant = await newTenant();
    const { invoice, copyId } = await mirroredInvoice(tenant.id);
    const paid = stripeEvent('invoice.paid', copy(stripe.account.markInvoicePaid(copyId).id));

    expect(await deliver(paid)).toBe('processed');
    const system = await ownerClient().user.findUniqueOrThrow({ where: { email: BILLING_SYSTEM_EMAIL } });
    expect(await ownerClient().invoicePayment.findMany({ where: { tenantId: tenant.id } })).toEqual([
      expect.objectContaining({
        invoiceId: invoice.id,
        amountMinor: 10_380n,
        method: 'card',
        reference: copyId,
        recordedByUserId: system.id,
      }),
    ]);
    expect(await stored(paid.id)).toMatchObject({ tenantId: tenant.id, processedAt: expect.any(Date) });
    const before = await standing(tenant.id, invoice.id);
    expect(before).toMatchObject({ status: 'PAID', amountPaidMinor: 10_380n });

    stripe.clear();
    expect(await deliver(paid)).toBe('duplicate');
    expect(stripe.requests).toEqual([]);
    expect(await deliver(stripeEvent('invoice.payment_succeeded', copy(copyId)))).toBe('processed');
    expect(await deliver(stripeEvent('invoice.paid', copy(copyId)))).toBe('processed');
    expect(await standing(tenant.id, invoice.id)).toEqual(before);
  });

  it('ends in the same state whether a failure and the payment after it arrive in order or reversed', async () => {
    const inOrder = await newTenant();
    const reversed = await newTenant();
    const a = await mirroredInvoice(inOrder.id);
    const b = await mirroredInvoice(reversed.id);

    stripe.account.markPaymentFailed(a.copyId);
    expect(await deliver(stripeEvent('invoice.payment_failed', copy(a.copyId)))).toBe('processed');
    expect((await standing(inOrder.id, a.invoice.id)).pastDueSince).toEqual(expect.any(Date));
    stripe.account.markInvoicePaid(a.copyId);
    await deliver(stripeEvent('invoice.paid', copy(a.copyId)));

    stripe.account.markPaymentFailed(b.copyId);
    const failedB = stripeEvent('invoice.payment_failed', copy(b.copyId));
    stripe.account.markInvoicePaid(b.copyId);
    const paidB = stripeEvent('invoice.paid', copy(b.copyId));
    await deliver(paidB);
    await deliver(failedB);

    const final = await standing(inOrder.id, a.invoice.id);
    expect(final).toEqual({
      status: 'PAID',
      amountPaidMinor: 10_380n,
      payments: [{ amountMinor: 10_380n, method: 'card', reference: 'the Stripe copy' }],
      pastDueSince: null,
      tenantStatus: 'ACTIVE',
    });
    expect(await standing(reversed.id, b.invoice.id)).toEqual(final);
    const actions = async (tenantId: string) =>
      (await ownerClient().auditEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } })).map((e) => e.action);
    expect(await actions(inOrder.id)).toEqual(
      expect.arrayContaining(['subscription.past_due', 'invoice.payment_recorded', 'subscription.past_due_cleared']),
    );
    expect(await actions(reversed.id)).not.toContain('subscription.past_due');
  });

  it('a failed charge makes the subscription past due; payment through Stripe lifts the suspension that followed', async () => {
    const tenant = await newTenant({ name: 'Late Payer' });
    const owner = await newMember(tenant.id, 'OWNER');
    const { invoice, copyId } = await mirroredInvoice(tenant.id);
    const failedAt = Math.floor(Date.now() / 1000) - 60;
    stripe.account.markPaymentFailed(copyId);
    await deliver(stripeEvent('invoice.payment_failed', copy(copyId), { created: failedAt }));

    expect(
      (await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } })).pastDueSince,
    ).toEqual(new Date(failedAt * 1000));
    expect(await ownerClient().notification.findMany({ where: { tenantId: tenant.id } })).toEqual([
      expect.objectContaining({ kind: 'billing.past_due', title: 'A payment of Late Payer is overdue' }),
    ]);
    expect(await ownerClient().outboxEmail.findMany({ where: { tenantId: tenant.id } })).toEqual([
      expect.objectContaining({ toEmail: owner.user.email, subject: 'A payment of Late Payer is overdue' }),
    ]);

    const afterGrace = new Date(failedAt * 1000 + 15 * DAY_MS);
    expect(await get(DunningJob).run(afterGrace, tenant.id)).toMatchObject({ suspended: 1 });
    expect(await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({
      status: 'SUSPENDED',
      suspensionReason: 'PAYMENT_OVERDUE',
    });

    stripe.account.markInvoicePaid(copyId);
    await deliver(stripeEvent('invoice.paid', copy(copyId)));
    expect(await standing(tenant.id, invoice.id)).toMatchObject({
      status: 'PAID',
      pastDueSince: null,
      tenantStatus: 'ACTIVE',
    });
    expect(await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({
      suspendedAt: null,
      suspensionReason: null,
    });
  });

  it('a card added through Checkout becomes the default and is shown; an older card arriving late does not replace a newer one', async () => {
    const tenant = await newTenant();
    const owner = await newMember(tenant.id, 'OWNER');
    const sessions = get(PaymentMethodSessions);
    const returnUrl = 'http://localhost:3000/billing';
    const sessionIdOf = (url: string) => url.split('/').pop() as string;

    const first = sessionIdOf(await sessions.checkout(actorFor(owner), returnUrl));
    const visa = stripe.account.completeSetupCheckout(first);
    const second = sessionIdOf(await sessions.checkout(actorFor(owner), returnUrl));
    const mastercard = stripe.account.completeSetupCheckout(second, {
      brand: 'mastercard',
      last4: '4444',
      exp_month: 3,
      exp_year: 2031,
    });
    const customer = (await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).stripeCustomerId;
    stripe.clear();

    await deliver(stripeEvent('checkout.session.completed', { ...mastercard.session }));
    await deliver(stripeEvent('setup_intent.succeeded', { ...visa.setupIntent }));
    await deliver(stripeEvent('checkout.session.completed', { ...visa.session }));

    expect(stripe.requestsTo(`/v1/customers/${customer}`, 'POST')).toEqual([
      {
        method: 'POST',
        path: `/v1/customers/${customer}`,
        params: { 'invoice_settings[default_payment_method]': mastercard.paymentMethod.id },
        idempotencyKey: `warbler-default-payment-method-${mastercard.paymentMethod.id}`,
      },
    ]);
    expect(await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({
      paymentMethodSummary: { brand: 'mastercard', last4: '4444', expMonth: 3, expYear: 2031 },
    });
    const updates = await ownerClient().auditEvent.findMany({
      where: { tenantId: tenant.id, action: 'tenant.payment_method_updated' },
    });
    expect(updates.map((update) => update.changes)).toEqual([
      {
        paymentMethod: { before: null, after: { brand: 'mastercard', last4: '4444', expMonth: 3, expYear: 2031 } },
      },
    ]);

    (stripe.account.customers.get(customer as string) as Record<string, unknown>)['invoice_settings'] = {
      default_payment_method: null,
    };
    await deliver(stripeEvent('customer.updated', { id: customer, object: 'customer' }));
    expect(
      (await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).paymentMethodSummary,
    ).toBeNull();
  });

  it('customer.subscription.deleted forgets the mirror, so the backfill makes a new one', async () => {
    const tenant = await newTenant();
    const backfill = get(StripeMirrorBackfill);
    await backfill.queue(tenant.id);
    await outbox.sendDue(new Date(), tenant.id);
    const { stripeSubscriptionId } = await ownerClient().subscription.findUniqueOrThrow({
      where: { tenantId: tenant.id },
    });
    const mirror = stripe.account.subscriptions.get(stripeSubscriptionId as string) as Record<string, unknown>;

    await deliver(stripeEvent('customer.subscription.updated', { ...mirror, id: stripeSubscriptionId }));
    expect(await backfill.queue(tenant.id)).toBe(0);
    mirror['status'] = 'canceled';
    await deliver(stripeEvent('customer.subscription.deleted', { ...mirror, id: stripeSubscriptionId }));

    expect(await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } })).toMatchObject({
      stripeSubscriptionId: null,
      stripeItemIds: {},
    });
    expect(await backfill.queue(tenant.id)).toBe(1);
  });

  it('keeps an event whose processing failed and processes it on the next delivery or by the retry job', async () => {
    const tenant = await newTenant();
    const { invoice, copyId } = await mirroredInvoice(tenant.id);
    const paid = stripeEvent('invoice.paid', copy(stripe.account.markInvoicePaid(copyId).id));
    stripe.failNext('GET', `/v1/invoices/${copyId}`, 503, 2);

    expect(await deliver(paid)).toBe('failed');
    expect(await stored(paid.id)).toMatchObject({ processedAt: null, error: expect.stringContaining('503') });
    expect(await deliver(paid)).toBe('failed');
    expect((await standing(tenant.id, invoice.id)).status).toBe('OPEN');

    await ownerClient().stripeWebhookEvent.update({
      where: { id: paid.id },
      data: { receivedAt: new Date(Date.now() - 5 * 60_000) },
    });
    expect(await inbox.retryFailed()).toBeGreaterThanOrEqual(1);
    expect(await stored(paid.id)).toMatchObject({ processedAt: expect.any(Date), error: null });
    expect((await standing(tenant.id, invoice.id)).status).toBe('PAID');
  });

  it('keeps events of types Warbler does not act on, and changes nothing for them', async () => {
    const event = stripeEvent('charge.refunded', { id: `ch_${randomUUID()}`, object: 'charge' });
    stripe.clear();
    expect(await deliver(event)).toBe('processed');
    expect(await stored(event.id)).toMatchObject({ type: 'charge.refunded', tenantId: null });
    expect(stripe.requests).toEqual([]);
  });
});
