import { randomUUID } from 'node:crypto';
import type { Actor } from '@warbler/api/core';
import { closeOwnerClient, draftInvoiceWith, newTenant, ownerClient, signedInStaffAs } from '../testing';
import type { StripeTestServer } from '../testing/stripe-server';
import { startStripeApp } from '../testing/stripe-test-app';
import { CreditGranting } from './credits/credit-granting';
import { InvoiceFinalization } from './finance/invoice-finalization';
import { ProviderOutbox } from './providers/provider-outbox';

/** With Stripe on, Stripe collects exactly what credits left due, and nothing of an invoice they paid in full. */
describe('prepaid credits with the Stripe provider', () => {
  let close: () => Promise<void>;
  let stripe: StripeTestServer;
  let finance: Actor;
  let get: <T>(type: new (...args: never[]) => T) => T;

  beforeAll(async () => {
    const started = await startStripeApp();
    ({ close, stripe } = started);
    get = (type) => started.app.app.get(type);
    const { user } = await signedInStaffAs('FINANCE');
    finance = {
      userId: user.id,
      email: user.email,
      sessionId: 'credits-stripe',
      staffRole: 'FINANCE',
      tenantId: null,
      tenantRole: null,
      membershipId: null,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId: 'credits-stripe',
      ip: null,
    };
  });

  afterAll(async () => {
    await close();
    await closeOwnerClient();
  });

  beforeEach(() => stripe.clear());

  /** 49.00 + 37.50 = 86.50, 20 % tax 17.30: 103.80 in all, finalized after `creditMinor` of credits were granted. */
  async function issuedWithCredits(creditMinor: bigint) {
    const tenant = await newTenant();
    await get(CreditGranting).grant(
      finance,
      tenant.id,
      { kind: 'PROMOTIONAL', currency: 'USD', amountMinor: creditMinor, reason: 'Launch offer', expiresAt: null },
      randomUUID(),
    );
    const draft = await draftInvoiceWith(tenant.id, {
      taxRatePercent: '20',
      lines: [
        { description: 'Team base fee', amountMinor: 4900n },
        { description: 'Seats', amountMinor: 3750n },
      ],
    });
    const invoice = await get(InvoiceFinalization).finalize(finance, draft.id);
    await get(ProviderOutbox).sendDue(new Date(), tenant.id);
    const copies = [...stripe.account.invoices.values()].filter(
      (copy) => (copy['metadata'] as Record<string, string>)['warbler_invoice_id'] === invoice.id,
    );
    return { invoice, copies };
  }

  it('copies the credits applied as a negative item, so Stripe asks for the amount due', async () => {
    const { invoice, copies } = await issuedWithCredits(5000n);

    // 103.80 − 50.00 = 53.80.
    expect(invoice).toMatchObject({ status: 'OPEN', creditsAppliedMinor: 5000n });
    expect(copies.map((copy) => [copy['status'], copy['total']])).toEqual([['open', 5380]]);
    expect(stripe.requestsTo('/v1/invoiceitems').map((request) => request.params)).toContainEqual(
      expect.objectContaining({ amount: '-5000', description: 'Prepaid credits applied' }),
    );
    expect(
      stripe.requestsTo('/v1/invoiceitems').find((request) => request.params['amount'] === '-5000')?.idempotencyKey,
    ).toBe(`warbler-invoice-${invoice.id}-credits`);
  });

  it('sends Stripe nothing to collect for an invoice credits paid in full', async () => {
    const { invoice, copies } = await issuedWithCredits(20_000n);

    expect(invoice).toMatchObject({ status: 'PAID', creditsAppliedMinor: 10_380n });
    expect(copies).toEqual([]);
    expect((await ownerClient().invoice.findFirstOrThrow({ where: { id: invoice.id } })).stripeInvoiceId).toBeNull();
  });
});
