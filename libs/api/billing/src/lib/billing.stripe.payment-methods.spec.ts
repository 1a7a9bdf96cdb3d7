import { randomUUID } from 'node:crypto';
import { PlatformDatabase } from '@warbler/api/core';
import {
  type Caller,
  callersOfEveryRole,
  closeOwnerClient,
  dataOf,
  EVERYONE,
  graphql,
  newTenant,
  outcome,
  ownerClient,
  signedInTenantMember,
  startTestApp,
  type TestApp,
  type Who,
} from '../testing';
import type { StripeTestServer } from '../testing/stripe-server';
import { startStripeApp } from '../testing/stripe-test-app';
import { BillingModule } from './billing.module';
import { BillingEvents } from './providers/billing-events';

const Ops = {
  billingProvider: `{ billingProvider }`,
  paymentMethod: `{ paymentMethod { brand last4 expMonth expYear } }`,
  createPaymentMethodCheckout: `mutation($returnUrl: String!) { createPaymentMethodCheckout(returnUrl: $returnUrl) { url } }`,
  createBillingPortalSession: `mutation($returnUrl: String!) { createBillingPortalSession(returnUrl: $returnUrl) { url } }`,
};
const RETURN_URL = 'http://localhost:3000/billing';

const OK = 'OK';
const NO = 'FORBIDDEN';
/** Owners, admins and billing admins of the tenant in context; staff have no tenant selected. */
const BILLING_ADMINS = [NO, NO, NO, OK, OK, OK, NO, 'MFA_REQUIRED:MFA_ENROLMENT_REQUIRED', 'UNAUTHENTICATED'];

describe('payment method operations with Stripe on', () => {
  let app: TestApp;
  let stripe: StripeTestServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, stripe, close } = await startStripeApp());
  });

  afterAll(async () => {
    await close();
    await closeOwnerClient();
  });

  describe('who may use them', () => {
    let tenantId: string;
    let callers: Map<Who, Caller | null>;

    beforeAll(async () => {
      tenantId = (await newTenant()).id;
      callers = await callersOfEveryRole(tenantId);
    });

    const rows = Object.entries(Ops).flatMap(([operation, query]) =>
      EVERYONE.map((who, index) => [operation, who, BILLING_ADMINS[index], query] as const),
    );

    it.each(rows)('%s by %s: %s', async (_operation, who, expected, query) => {
      const before = await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenantId } });
      stripe.clear();

      const answer = await graphql(app, callers.get(who) ?? null, query, { returnUrl: RETURN_URL });

      expect(outcome(answer)).toBe(expected);
      if (expected !== OK) {
        expect(stripe.requests).toEqual([]);
        expect(await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenantId } })).toEqual(before);
      }
    });
  });

  describe('isolation', () => {
    let a: { tenantId: string; admin: Caller };
    let b: { tenantId: string; owner: Caller };

    beforeAll(async () => {
      const [tenantA, tenantB] = [await newTenant(), await newTenant()];
      a = { tenantId: tenantA.id, admin: (await signedInTenantMember(tenantA.id, 'ADMIN')).caller };
      b = { tenantId: tenantB.id, owner: (await signedInTenantMember(tenantB.id, 'OWNER')).caller };
      await ownerClient().tenant.update({
        where: { id: tenantB.id },
        data: { paymentMethodSummary: { brand: 'amex', last4: '0005', expMonth: 1, expYear: 2029 } },
      });
    });

    it('opens Checkout in setup mode for the caller’s own tenant and Stripe customer only', async () => {
      stripe.clear();
      const { createPaymentMethodCheckout } = dataOf(
        await graphql<{ createPaymentMethodCheckout: { url: string } }>(app, a.admin, Ops.createPaymentMethodCheckout, {
          returnUrl: RETURN_URL,
        }),
      );
      const tenantA = await ownerClient().tenant.findUniqueOrThrow({ where: { id: a.tenantId } });
      const session = [...stripe.account.checkoutSessions.values()].find(
        (s) => s['url'] === createPaymentMethodCheckout.url,
      );
      expect(session).toMatchObject({ customer: tenantA.stripeCustomerId, mode: 'setup' });
      expect(stripe.requestsTo('/v1/checkout/sessions')).toEqual([
        {
          method: 'POST',
          path: '/v1/checkout/sessions',
          params: {
            mode: 'setup',
            customer: tenantA.stripeCustomerId,
            currency: 'usd',
            success_url: RETURN_URL,
            cancel_url: RETURN_URL,
            'metadata[warbler_tenant_id]': a.tenantId,
            'setup_intent_data[metadata][warbler_tenant_id]': a.tenantId,
          },
          idempotencyKey: expect.stringMatching(/^stripe-node-retry-/),
        },
      ]);
      expect((await ownerClient().tenant.findUniqueOrThrow({ where: { id: b.tenantId } })).stripeCustomerId).toBeNull();
    });

    it('opens the portal for the caller’s own Stripe customer', async () => {
      stripe.clear();
      const { createBillingPortalSession } = dataOf(
        await graphql<{ createBillingPortalSession: { url: string } }>(app, b.owner, Ops.createBillingPortalSession, {
          returnUrl: RETURN_URL,
        }),
      );
      const tenantB = await ownerClient().tenant.findUniqueOrThrow({ where: { id: b.tenantId } });
      expect(createBillingPortalSession.url).toMatch(/^https:\/\/billing\.stripe\.test\//);
      expect(stripe.requestsTo('/v1/billing_portal/sessions').map((request) => request.params)).toEqual([
        { customer: tenantB.stripeCustomerId, return_url: RETURN_URL },
      ]);
      expect(tenantB.stripeCustomerId).not.toBe(
        (await ownerClient().tenant.findUniqueOrThrow({ where: { id: a.tenantId } })).stripeCustomerId,
      );
    });

    it('shows each tenant its own card only', async () => {
      expect(dataOf(await graphql(app, a.admin, Ops.paymentMethod))).toEqual({ paymentMethod: null });
      expect(dataOf(await graphql(app, b.owner, Ops.paymentMethod))).toEqual({
        paymentMethod: { brand: 'amex', last4: '0005', expMonth: 1, expYear: 2029 },
      });
    });

    it('refuses A’s admin naming B in X-Tenant-Id, before anything reaches Stripe', async () => {
      stripe.clear();
      for (const query of Object.values(Ops)) {
        const answer = await graphql(app, { ...a.admin, tenantId: b.tenantId }, query, { returnUrl: RETURN_URL });
        expect(outcome(answer)).toBe('FORBIDDEN:NOT_A_MEMBER');
      }
      expect(stripe.requests).toEqual([]);
    });

    it('refuses a return URL outside the console', async () => {
      stripe.clear();
      for (const query of [Ops.createPaymentMethodCheckout, Ops.createBillingPortalSession]) {
        const answer = await graphql(app, a.admin, query, { returnUrl: 'https://phish.example/billing' });
        expect(outcome(answer)).toBe('BAD_USER_INPUT:INVALID_RETURN_URL');
      }
      expect(stripe.requests).toEqual([]);
    });

    it('answers CONFLICT PROVIDER_UNAVAILABLE when Stripe cannot open the page', async () => {
      stripe.failNext('POST', '/v1/billing_portal/sessions', 500);
      const answer = await graphql(app, b.owner, Ops.createBillingPortalSession, { returnUrl: RETURN_URL });
      expect(outcome(answer)).toBe('CONFLICT:PROVIDER_UNAVAILABLE');
    });
  });
});

describe('payment method operations with the local provider', () => {
  let app: TestApp;
  let owner: Caller;
  let tenantId: string;

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    tenantId = (await newTenant()).id;
    owner = (await signedInTenantMember(tenantId, 'OWNER')).caller;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('tells the console that Stripe is off', async () => {
    expect(dataOf(await graphql(app, owner, Ops.billingProvider))).toEqual({ billingProvider: 'LOCAL' });
  });

  it.each([Ops.paymentMethod, Ops.createPaymentMethodCheckout, Ops.createBillingPortalSession])(
    'answers CONFLICT PROVIDER_NOT_CONFIGURED to %s',
    async (query) => {
      expect(outcome(await graphql(app, owner, query, { returnUrl: RETURN_URL }))).toBe(
        'CONFLICT:PROVIDER_NOT_CONFIGURED',
      );
    },
  );

  it('writes no outbox entry for billing events', async () => {
    const platform = app.app.get(PlatformDatabase);
    await platform.client.$transaction((tx) =>
      app.app.get(BillingEvents).record(tx, tenantId, { kind: 'invoice.voided', invoiceId: randomUUID() }),
    );
    expect(await ownerClient().providerOutboxEntry.count({ where: { tenantId } })).toBe(0);
  });
});
