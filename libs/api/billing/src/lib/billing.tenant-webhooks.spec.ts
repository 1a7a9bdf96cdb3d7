import { randomUUID } from 'node:crypto';
import { type Actor, PlatformDatabase } from '@warbler/api/core';
import { subscribedEndpoint, webhookEventsOf } from '@warbler/api/webhooks/testing';
import {
  BillingOps,
  type Caller,
  closeOwnerClient,
  dataOf,
  draftInvoice,
  draftInvoiceWith,
  graphql,
  type InvoiceView,
  newTenant,
  offeredPlan,
  ownerClient,
  periodAround,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  subscriptionOn,
  SubscriptionOps,
  type TestApp,
  wholeSecondAgo,
} from '../testing';
import type { StripeTestServer } from '../testing/stripe-server';
import { signedDelivery, startStripeApp, stripeEvent } from '../testing/stripe-test-app';
import { BillingModule } from './billing.module';
import { InvoiceFinalization } from './finance/invoice-finalization';
import { BillingEvents } from './providers/billing-events';
import { ProviderOutbox } from './providers/provider-outbox';
import { StripeWebhookInbox } from './webhooks/stripe-webhook-inbox';

const ALL_BILLING_EVENTS = ['invoice.finalized', 'invoice.paid', 'payment.failed', 'subscription.changed'];

/** What billing raises for the tenant's webhooks (docs/webhooks.md). */
describe('billing’s webhook events', () => {
  describe('with the local provider', () => {
    let app: TestApp;
    let finance: Caller;

    beforeAll(async () => {
      app = await startTestApp([BillingModule]);
      finance = (await signedInStaffAs('FINANCE')).caller;
    });

    afterAll(async () => {
      await app.close();
      await closeOwnerClient();
    });

    const finalize = async (id: string) =>
      dataOf(await graphql<{ finalizeInvoice: InvoiceView }>(app, finance, BillingOps.finalizeInvoice, { id }))
        .finalizeInvoice;
    const pay = async (id: string, amountMinor: string) =>
      dataOf(
        await graphql(app, finance, BillingOps.recordInvoicePayment, { id, amountMinor, method: 'BANK_TRANSFER' }),
      );

    it('raises invoice.finalized, then invoice.paid only with the payment that pays it in full', async () => {
      const tenant = await newTenant();
      await subscribedEndpoint(tenant.id, ALL_BILLING_EVENTS);
      const draft = await draftInvoice(tenant.id, 12_000n);
      const issued = await finalize(draft.id);
      await pay(draft.id, '2000');
      expect((await webhookEventsOf(tenant.id)).map((event) => event.type)).toEqual(['invoice.finalized']);
      await pay(draft.id, '10000');

      const stored = await ownerClient().invoice.findFirstOrThrow({ where: { id: draft.id } });
      expect(await webhookEventsOf(tenant.id)).toEqual([
        {
          type: 'invoice.finalized',
          data: {
            invoice_id: draft.id,
            number: issued.number,
            currency: 'USD',
            total_minor: '12000',
            amount_due_minor: '12000',
            period_start: draft.periodStart.toISOString(),
            period_end: draft.periodEnd.toISOString(),
            issued_at: stored.issuedAt?.toISOString(),
            due_at: stored.dueAt?.toISOString(),
          },
          deliveries: 1,
        },
        {
          type: 'invoice.paid',
          data: {
            invoice_id: draft.id,
            number: issued.number,
            currency: 'USD',
            total_minor: '12000',
            amount_paid_minor: '12000',
            paid_at: stored.paidAt?.toISOString(),
          },
          deliveries: 1,
        },
      ]);
    });

    it('raises finalized and paid together for an invoice with nothing to pay', async () => {
      const tenant = await newTenant();
      await subscribedEndpoint(tenant.id, ALL_BILLING_EVENTS);
      const draft = await draftInvoice(tenant.id, 0n);
      await finalize(draft.id);
      // Both are raised in one transaction, and events carry no order among themselves (docs/webhooks.md).
      expect((await webhookEventsOf(tenant.id)).map((event) => event.type).sort()).toEqual([
        'invoice.finalized',
        'invoice.paid',
      ]);
    });

    it('raises subscription.changed with both terms when a change takes effect', async () => {
      const plan = await offeredPlan({
        name: 'Hooks',
        baseFeeMinor: 1000n,
        seatUnitPrice: '5',
        includedSeats: 2,
        maxSeats: 10,
      });
      const tenant = await newTenant();
      await subscribedEndpoint(tenant.id, ['subscription.changed']);
      await subscriptionOn(tenant.id, plan.planVersionId, periodAround(wholeSecondAgo(), 5, 25), { seatQuantity: 3 });
      const admin = await signedInTenantMember(tenant.id, 'ADMIN');
      dataOf(
        await graphql(app, admin.caller, SubscriptionOps.changeSubscription, {
          input: { seatQuantity: 5, timing: 'NOW' },
          idempotencyKey: randomUUID(),
        }),
      );

      const change = await ownerClient().subscriptionChange.findFirstOrThrow({ where: { tenantId: tenant.id } });
      const { code } = await ownerClient().plan.findUniqueOrThrow({ where: { id: plan.planId } });
      const terms = (seat_quantity: number) => ({
        plan_code: code,
        plan_version: 1,
        plan_version_id: plan.planVersionId,
        seat_quantity,
      });
      expect(await webhookEventsOf(tenant.id)).toEqual([
        {
          type: 'subscription.changed',
          data: {
            subscription_id: change.subscriptionId,
            change_id: change.id,
            kind: 'SEATS_CHANGED',
            effective_at: change.effectiveAt.toISOString(),
            from: terms(3),
            to: terms(5),
          },
          deliveries: 1,
        },
      ]);
    });

    it('raises nothing for a tenant without endpoints', async () => {
      const tenant = await newTenant();
      const draft = await draftInvoice(tenant.id, 500n);
      await finalize(draft.id);
      await pay(draft.id, '500');
      expect(await webhookEventsOf(tenant.id)).toEqual([]);
    });
  });

  describe('with Stripe', () => {
    let close: () => Promise<void>;
    let stripe: StripeTestServer;
    let get: <T>(type: new (...args: never[]) => T) => T;
    let finance: Actor;

    beforeAll(async () => {
      const started = await startStripeApp();
      ({ close, stripe } = started);
      get = (type) => started.app.app.get(type);
      const { user } = await signedInStaffAs('FINANCE');
      finance = {
        userId: user.id,
        email: user.email,
        sessionId: 'tenant-webhooks',
        staffRole: 'FINANCE',
        tenantId: null,
        tenantRole: null,
        membershipId: null,
        impersonatorUserId: null,
        mfaSatisfied: true,
        requestId: 'tenant-webhooks',
        ip: null,
      };
    });

    afterAll(async () => {
      await close();
      await closeOwnerClient();
    });

    it('raises payment.failed once per failed charge Stripe reports, however often it reports it', async () => {
      const tenant = await newTenant();
      await subscribedEndpoint(tenant.id, ALL_BILLING_EVENTS);
      const draft = await draftInvoiceWith(tenant.id, { lines: [{ description: 'Base fee', amountMinor: 8650n }] });
      const invoice = await get(InvoiceFinalization).finalize(finance, draft.id);
      const written = await ownerClient().providerOutboxEntry.count({
        where: { tenantId: tenant.id, kind: 'invoice.finalized', payload: { path: ['invoiceId'], equals: invoice.id } },
      });
      if (written === 0) {
        await get(PlatformDatabase).client.$transaction((tx) =>
          get(BillingEvents).record(tx, tenant.id, { kind: 'invoice.finalized', invoiceId: invoice.id }),
        );
      }
      await get(ProviderOutbox).sendDue(new Date(), tenant.id);
      const { stripeInvoiceId } = await ownerClient().invoice.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: tenant.id, id: invoice.id } },
      });
      const copyId = stripeInvoiceId as string;
      stripe.account.markPaymentFailed(copyId);
      const failedAt = Math.floor(Date.now() / 1000) - 60;
      const failed = stripeEvent(
        'invoice.payment_failed',
        { ...(stripe.account.invoices.get(copyId) as object) },
        {
          created: failedAt,
        },
      );
      const deliver = (event: { id: string }) => {
        const { body, signature } = signedDelivery(event);
        return get(StripeWebhookInbox).receive(body, signature);
      };
      await deliver(failed);
      await deliver(failed);

      const failures = (await webhookEventsOf(tenant.id)).filter((event) => event.type === 'payment.failed');
      expect(failures).toEqual([
        {
          type: 'payment.failed',
          data: {
            invoice_id: invoice.id,
            number: invoice.number,
            currency: 'USD',
            amount_due_minor: '8650',
            failed_at: new Date(failedAt * 1000).toISOString(),
            provider: 'stripe',
          },
          deliveries: 1,
        },
      ]);
    });
  });
});
