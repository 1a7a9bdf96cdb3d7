import { type Actor, PlatformDatabase } from '@warbler/api/core';
import { SubscriptionPeriods } from '@warbler/api/catalog';
import {
  billedPlan,
  closeOwnerClient,
  draftInvoiceWith,
  newTenant,
  ownerClient,
  periodTotal,
  signedInStaffAs,
  subscribeInPeriod,
} from '../testing';
import type { StripeTestServer } from '../testing/stripe-server';
import { startStripeApp } from '../testing/stripe-test-app';
import { CreditNoteIssuing } from './credit-notes/credit-note-issuing';
import { InvoiceFinalization } from './finance/invoice-finalization';
import { InvoicePayments } from './finance/invoice-payments';
import { InvoiceVoiding } from './finance/invoice-voiding';
import { PaymentMethod } from './graphql/billing-enums';
import { type BillingEvent, BillingEvents } from './providers/billing-events';
import { ProviderOutbox } from './providers/provider-outbox';
import { StripeMirrorBackfill } from './providers/stripe-mirror-backfill';

const DAY_MS = 24 * 60 * 60 * 1000;
const unix = (at: Date) => String(Math.floor(at.getTime() / 1000));

describe('the Stripe provider: outbox calls to a Stripe of the test’s own', () => {
  let close: () => Promise<void>;
  let stripe: StripeTestServer;
  let outbox: ProviderOutbox;
  let backfill: StripeMirrorBackfill;
  let events: BillingEvents;
  let platform: PlatformDatabase;
  let finance: Actor;
  let get: <T>(type: new (...args: never[]) => T) => T;

  beforeAll(async () => {
    const started = await startStripeApp();
    ({ close, stripe } = started);
    get = (type) => started.app.app.get(type);
    outbox = get(ProviderOutbox);
    backfill = get(StripeMirrorBackfill);
    events = get(BillingEvents);
    platform = get(PlatformDatabase);
    const { user } = await signedInStaffAs('FINANCE');
    finance = {
      userId: user.id,
      email: user.email,
      sessionId: 'stripe-outbox',
      staffRole: 'FINANCE',
      tenantId: null,
      tenantRole: null,
      membershipId: null,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId: 'stripe-outbox',
      ip: null,
    };
  });

  afterAll(async () => {
    await close();
    await closeOwnerClient();
  });

  beforeEach(() => stripe.clear());

  const record = (tenantId: string, event: BillingEvent) =>
    platform.client.$transaction((tx) => events.record(tx, tenantId, event));

  /** Finalization writes this entry itself once it tells the provider; until then the test writes it alike. */
  async function issuedInvoiceEntry(tenantId: string, invoiceId: string, kind: 'invoice.finalized' | 'invoice.voided') {
    const written = await ownerClient().providerOutboxEntry.count({
      where: { tenantId, kind, payload: { path: ['invoiceId'], equals: invoiceId } },
    });
    if (written === 0) await record(tenantId, { kind, invoiceId });
  }

  async function issuedInvoice(tenantId: string, taxRatePercent: string | null = '20') {
    const draft = await draftInvoiceWith(tenantId, {
      taxRatePercent,
      lines: [
        { description: 'Team base fee', amountMinor: 4900n },
        { description: 'Seats above the included ones (3 × 12.50)', amountMinor: 3750n },
      ],
    });
    const issued = await get(InvoiceFinalization).finalize(finance, draft.id);
    await issuedInvoiceEntry(tenantId, issued.id, 'invoice.finalized');
    return issued;
  }

  it('mirrors a subscription: customer, product, prices, meter, then the subscription, paused', async () => {
    const tenant = await newTenant({ name: 'Mirror Co' });
    const { planVersionId, metricIds } = await billedPlan({
      name: 'Team',
      baseFeeMinor: 4900n,
      seatUnitPrice: '12.5',
      includedSeats: 2,
      charges: [{ name: 'Messages', model: 'PER_UNIT', unitPrice: '0.001' }],
    });
    const periodEnd = new Date(Date.now() + 29 * DAY_MS);
    await subscribeInPeriod(
      tenant.id,
      planVersionId,
      { start: new Date(Date.now() - DAY_MS), end: periodEnd },
      null,
      5,
    );
    const metric = await ownerClient().billableMetric.findUniqueOrThrow({ where: { id: metricIds[0] } });
    const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });

    expect(await backfill.queue(tenant.id)).toBe(1);
    expect(await backfill.queue(tenant.id)).toBe(0);
    expect(await outbox.sendDue(new Date(), tenant.id)).toEqual({ sent: 1, failed: 0 });

    const account = stripe.account;
    const customerId = [...account.customers.keys()].find(
      (id) => (account.customers.get(id)?.['metadata'] as Record<string, string>)['tenant_id'] === tenant.id,
    ) as string;
    const meterId = [...account.meters.values()].find((meter) => meter['event_name'] === `warbler_${metric.code}`)?.id;
    const priceOf = (part: string) =>
      [...account.prices.values()].find((price) => price['lookup_key'] === `warbler:${planVersionId}:${part}`)?.id;
    const stripeSubscription = [...account.subscriptions.values()].find((sub) => sub['customer'] === customerId);
    const common = {
      product: `warbler-plan-version-${planVersionId}`,
      currency: 'usd',
      'recurring[interval]': 'month',
    };
    const metadata = (part: string) => ({
      'metadata[warbler_plan_version_id]': planVersionId,
      'metadata[warbler_part]': part,
    });
    expect(stripe.requests).toEqual([
      {
        method: 'POST',
        path: '/v1/customers',
        params: { name: 'Mirror Co', 'metadata[tenant_id]': tenant.id, 'metadata[tenant_slug]': tenant.slug },
        idempotencyKey: `warbler-customer-${tenant.id}`,
      },
      {
        method: 'GET',
        path: '/v1/prices',
        params: {
          'lookup_keys[0]': `warbler:${planVersionId}:base`,
          'lookup_keys[1]': `warbler:${planVersionId}:seats`,
          'lookup_keys[2]': `warbler:${planVersionId}:metric:${metric.code}`,
          limit: '10',
        },
        idempotencyKey: null,
      },
      {
        method: 'POST',
        path: '/v1/products',
        params: {
          id: `warbler-plan-version-${planVersionId}`,
          name: 'Team (version 1)',
          'metadata[warbler_plan_version_id]': planVersionId,
        },
        idempotencyKey: `warbler-product-${planVersionId}`,
      },
      {
        method: 'POST',
        path: '/v1/prices',
        params: {
          ...common,
          lookup_key: `warbler:${planVersionId}:base`,
          ...metadata('base'),
          unit_amount: '4900',
          nickname: 'Base fee',
        },
        idempotencyKey: `warbler-price-warbler:${planVersionId}:base`,
      },
      {
        method: 'POST',
        path: '/v1/prices',
        params: {
          ...common,
          lookup_key: `warbler:${planVersionId}:seats`,
          ...metadata('seats'),
          nickname: 'Seats',
          billing_scheme: 'tiered',
          tiers_mode: 'graduated',
          'tiers[0][up_to]': '2',
          'tiers[0][unit_amount]': '0',
          'tiers[1][up_to]': 'inf',
          'tiers[1][unit_amount_decimal]': '1250',
        },
        idempotencyKey: `warbler-price-warbler:${planVersionId}:seats`,
      },
      { method: 'GET', path: '/v1/billing/meters', params: { status: 'active', limit: '100' }, idempotencyKey: null },
      {
        method: 'POST',
        path: '/v1/billing/meters',
        params: {
          display_name: 'Messages',
          event_name: `warbler_${metric.code}`,
          'default_aggregation[formula]': 'sum',
          'customer_mapping[type]': 'by_id',
          'customer_mapping[event_payload_key]': 'stripe_customer_id',
          'value_settings[event_payload_key]': 'value',
        },
        idempotencyKey: `warbler-meter-${metric.id}`,
      },
      {
        method: 'POST',
        path: '/v1/prices',
        params: {
          ...common,
          lookup_key: `warbler:${planVersionId}:metric:${metric.code}`,
          ...metadata(metric.code),
          unit_amount: '0',
          nickname: 'Messages (priced by Warbler)',
          'recurring[usage_type]': 'metered',
          'recurring[meter]': meterId,
        },
        idempotencyKey: `warbler-price-warbler:${planVersionId}:metric:${metric.code}`,
      },
      {
        method: 'GET',
        path: '/v1/subscriptions',
        params: { customer: customerId, status: 'all', limit: '100' },
        idempotencyKey: null,
      },
      {
        method: 'POST',
        path: '/v1/subscriptions',
        params: {
          customer: customerId,
          'items[0][price]': priceOf('base'),
          'items[1][price]': priceOf('seats'),
          'items[1][quantity]': '5',
          'items[2][price]': priceOf(`metric:${metric.code}`),
          billing_cycle_anchor: unix(periodEnd),
          proration_behavior: 'none',
          'metadata[warbler_tenant_id]': tenant.id,
          'metadata[warbler_subscription_id]': subscription.id,
        },
        idempotencyKey: `warbler-subscription-${subscription.id}`,
      },
      {
        method: 'POST',
        path: `/v1/subscriptions/${stripeSubscription?.id}`,
        params: { 'pause_collection[behavior]': 'void' },
        idempotencyKey: `warbler-subscription-${subscription.id}-pause`,
      },
    ]);

    const items = (stripeSubscription?.['items'] as { data: { id: string; price: { lookup_key: string } }[] }).data;
    const itemOf = (part: string) => items.find((item) => item.price.lookup_key.endsWith(`:${part}`))?.id;
    expect(await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({
      stripeCustomerId: customerId,
    });
    expect(await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } })).toMatchObject({
      stripeSubscriptionId: stripeSubscription?.id,
      stripeItemIds: { base: itemOf('base'), seats: itemOf('seats'), [metric.code]: itemOf(metric.code) },
    });
    expect(stripeSubscription?.['pause_collection']).toEqual({ behavior: 'void', resumes_at: null });
    expect(await backfill.queue(tenant.id)).toBe(0);
  });

  it('moves the mirror to a new plan version: items repriced, new metric added, old one removed', async () => {
    const tenant = await newTenant();
    const before = await billedPlan({
      baseFeeMinor: 1000n,
      charges: [{ name: 'Calls', model: 'PER_UNIT', unitPrice: '1' }],
    });
    const now = new Date();
    const period = { start: new Date(now.getTime() - DAY_MS), end: new Date(now.getTime() + 20 * DAY_MS) };
    await subscribeInPeriod(tenant.id, before.planVersionId, period, null, 1);
    await backfill.queue(tenant.id);
    await outbox.sendDue(new Date(), tenant.id);
    const mirrored = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    const oldItems = mirrored.stripeItemIds as Record<string, string>;

    const after = await billedPlan({
      baseFeeMinor: 9000n,
      charges: [{ name: 'Tokens', model: 'PER_UNIT', unitPrice: '2' }],
    });
    await subscribeInPeriod(tenant.id, after.planVersionId, period, null, 7);
    await record(tenant.id, { kind: 'subscription.mirror', subscriptionId: mirrored.id });
    stripe.clear();
    expect(await outbox.sendDue(new Date(), tenant.id)).toEqual({ sent: 1, failed: 0 });

    const entry = await ownerClient().providerOutboxEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, kind: 'subscription.mirror', attempts: 1, sentAt: { not: null } },
      orderBy: { createdAt: 'desc' },
    });
    const newMetric = await ownerClient().billableMetric.findUniqueOrThrow({ where: { id: after.metricIds[0] } });
    const oldMetric = await ownerClient().billableMetric.findUniqueOrThrow({ where: { id: before.metricIds[0] } });
    const priceOf = (part: string) =>
      [...stripe.account.prices.values()].find(
        (price) => price['lookup_key'] === `warbler:${after.planVersionId}:${part}`,
      )?.id;
    expect(stripe.requestsTo(`/v1/subscriptions/${mirrored.stripeSubscriptionId}`)).toEqual([
      {
        method: 'POST',
        path: `/v1/subscriptions/${mirrored.stripeSubscriptionId}`,
        params: {
          'items[0][id]': oldItems['base'],
          'items[0][price]': priceOf('base'),
          'items[1][id]': oldItems['seats'],
          'items[1][price]': priceOf('seats'),
          'items[1][quantity]': '7',
          'items[2][price]': priceOf(`metric:${newMetric.code}`),
          'items[3][id]': oldItems[oldMetric.code],
          'items[3][deleted]': 'true',
          proration_behavior: 'none',
          'pause_collection[behavior]': 'void',
        },
        idempotencyKey: `${entry.idempotencyKey}:subscription`,
      },
    ]);
    const moved = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(moved.stripeItemIds).toEqual({
      base: oldItems['base'],
      seats: oldItems['seats'],
      [newMetric.code]: expect.stringMatching(/^si_/),
    });
  });

  it('finds a mirror an earlier attempt created but could not record, instead of creating a second', async () => {
    const tenant = await newTenant();
    await backfill.queue(tenant.id);
    await outbox.sendDue(new Date(), tenant.id);
    const { stripeSubscriptionId, stripeItemIds } = await ownerClient().subscription.findUniqueOrThrow({
      where: { tenantId: tenant.id },
    });
    await ownerClient().subscription.update({
      where: { tenantId: tenant.id },
      data: { stripeSubscriptionId: null, stripeItemIds: {} },
    });
    stripe.clear();

    expect(await backfill.queue(tenant.id)).toBe(1);
    expect(await outbox.sendDue(new Date(), tenant.id)).toEqual({ sent: 1, failed: 0 });
    expect(stripe.requestsTo('/v1/subscriptions', 'POST')).toEqual([]);
    expect(stripe.requestsTo(`/v1/subscriptions/${stripeSubscriptionId}`, 'POST')).toHaveLength(1);
    expect(await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } })).toMatchObject({
      stripeSubscriptionId,
      stripeItemIds,
    });
  });

  it('retries a call Stripe failed, with backoff and the same idempotency key, and sends it once', async () => {
    const tenant = await newTenant();
    const invoice = await issuedInvoice(tenant.id);
    stripe.failNext('POST', '/v1/invoices', 500);
    const now = new Date();

    expect(await outbox.sendDue(now, tenant.id)).toEqual({ sent: 0, failed: 1 });
    const failed = await ownerClient().providerOutboxEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, kind: 'invoice.finalized' },
    });
    expect(failed).toMatchObject({
      attempts: 1,
      sentAt: null,
      lastError: expect.stringContaining('injected failure 500'),
    });
    const wait = failed.nextAttemptAt.getTime() - now.getTime();
    expect(wait).toBeGreaterThanOrEqual(5_000);
    expect(wait).toBeLessThanOrEqual(10_000);

    expect(await outbox.sendDue(new Date(now.getTime() + wait - 1), tenant.id)).toEqual({ sent: 0, failed: 0 });
    expect(await outbox.sendDue(failed.nextAttemptAt, tenant.id)).toEqual({ sent: 1, failed: 0 });

    const creates = stripe.requestsTo('/v1/invoices', 'POST');
    expect(creates).toHaveLength(2);
    expect(creates[1]).toEqual(creates[0]);
    const customer = (await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).stripeCustomerId;
    expect(creates[0]).toEqual({
      method: 'POST',
      path: '/v1/invoices',
      params: {
        customer,
        currency: 'usd',
        collection_method: 'charge_automatically',
        auto_advance: 'false',
        pending_invoice_items_behavior: 'exclude',
        description: `Warbler invoice ${invoice.number}`,
        'metadata[warbler_invoice_id]': invoice.id,
        'metadata[warbler_tenant_id]': tenant.id,
        'metadata[warbler_invoice_number]': invoice.number,
      },
      idempotencyKey: `warbler-invoice-${invoice.id}`,
    });
    const copies = [...stripe.account.invoices.values()].filter(
      (copy) => (copy['metadata'] as Record<string, string>)['warbler_invoice_id'] === invoice.id,
    );
    expect(copies.map((copy) => [copy['status'], copy['total']])).toEqual([['open', 10_380]]);
    const lines = await ownerClient().invoiceLine.findMany({
      where: { invoiceId: invoice.id },
      orderBy: { position: 'asc' },
    });
    const item = (extra: Record<string, string>, key: string) => ({
      method: 'POST',
      path: '/v1/invoiceitems',
      params: { customer, invoice: copies[0].id, currency: 'usd', ...extra },
      idempotencyKey: `warbler-invoice-${invoice.id}-${key}`,
    });
    expect(stripe.requestsTo(/^\/v1\/invoiceitems|\/finalize$/)).toEqual([
      item(
        {
          amount: '4900',
          description: 'Team base fee',
          'period[start]': unix(lines[0].periodStart),
          'period[end]': unix(lines[0].periodEnd),
          'metadata[warbler_invoice_line_id]': lines[0].id,
        },
        'line-1',
      ),
      item(
        {
          amount: '3750',
          description: 'Seats above the included ones (3 × 12.50)',
          'period[start]': unix(lines[1].periodStart),
          'period[end]': unix(lines[1].periodEnd),
          'metadata[warbler_invoice_line_id]': lines[1].id,
        },
        'line-2',
      ),
      item({ amount: '1730', description: 'Tax (20 %)', 'metadata[warbler_invoice_id]': invoice.id }, 'tax'),
      {
        method: 'POST',
        path: `/v1/invoices/${copies[0].id}/finalize`,
        params: { auto_advance: 'true' },
        idempotencyKey: `warbler-invoice-${invoice.id}-finalize`,
      },
    ]);
    const sent = await ownerClient().providerOutboxEntry.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: tenant.id, id: failed.id } },
    });
    expect(sent).toMatchObject({ attempts: 2, lastError: null, sentAt: expect.any(Date) });
    expect(
      await ownerClient().invoice.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: tenant.id, id: invoice.id } },
      }),
    ).toMatchObject({ stripeInvoiceId: copies[0].id });
  });

  it('sends each entry once when two runs claim at the same time, and reports whole meter values half-even', async () => {
    const tenant = await newTenant();
    const { planVersionId, metricIds } = await billedPlan({
      charges: [{ name: 'Messages', model: 'PER_UNIT', unitPrice: '0.01' }],
    });
    const now = new Date();
    const values = ['1200', '7.5', '2.5', '0.4', '99.5', '31'];
    const periods = values.map((_, day) => ({
      start: new Date(now.getTime() - (day + 2) * DAY_MS),
      end: new Date(now.getTime() - (day + 1) * DAY_MS),
    }));
    for (const [day, value] of values.entries()) {
      await periodTotal(tenant.id, metricIds[0], periods[day], value);
      await record(tenant.id, {
        kind: 'period.closed',
        subscriptionId: (await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } })).id,
        planVersionId,
        periodStart: periods[day].start.toISOString(),
        periodEnd: periods[day].end.toISOString(),
      });
    }

    const due = new Date();
    const runs = await Promise.all([outbox.sendDue(due, tenant.id), outbox.sendDue(due, tenant.id)]);
    expect(runs[0].sent + runs[1].sent).toBe(6);
    expect(runs[0].failed + runs[1].failed).toBe(0);

    const reports = stripe.requestsTo('/v1/billing/meter_events');
    const customer = (await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).stripeCustomerId;
    const metric = await ownerClient().billableMetric.findUniqueOrThrow({ where: { id: metricIds[0] } });
    const expected = periods
      .map((period, day) => ({ period, value: ['1200', '8', '2', '0', '100', '31'][day] }))
      .filter(({ value }) => value !== '0')
      .map(({ period, value }) => ({
        event_name: `warbler_${metric.code}`,
        'payload[stripe_customer_id]': customer,
        'payload[value]': value,
        identifier: `warbler-${tenant.id}-${metric.id}-${unix(period.start)}`,
        timestamp: String(Number(unix(period.end)) - 1),
      }));
    const sortById = (a: { identifier: string }, b: { identifier: string }) => a.identifier.localeCompare(b.identifier);
    expect(reports.map((report) => report.params).sort(sortById as never)).toEqual(expected.sort(sortById));
    expect(new Set(reports.map((report) => report.idempotencyKey)).size).toBe(5);
    expect(
      await ownerClient().providerOutboxEntry.count({
        where: { tenantId: tenant.id, sentAt: { not: null }, attempts: 1 },
      }),
    ).toBe(6);
  });

  it('records the closed period in the transaction that closes it, and reports its usage', async () => {
    const tenant = await newTenant();
    const { planVersionId, metricIds } = await billedPlan({
      charges: [{ name: 'Messages', model: 'PER_UNIT', unitPrice: '0.01' }],
    });
    const period = { start: new Date(Date.now() - 10 * DAY_MS), end: new Date(Date.now() - 60_000) };
    await periodTotal(tenant.id, metricIds[0], period, '42');
    await subscribeInPeriod(tenant.id, planVersionId, period);

    // Other tests' subscriptions may fail to close in this shared database; this tenant's is what counts.
    await get(SubscriptionPeriods)
      .rollOverdue(new Date())
      .catch(() => undefined);
    const closed = await ownerClient().providerOutboxEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, kind: 'period.closed' },
    });
    const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(closed.payload).toEqual({
      kind: 'period.closed',
      subscriptionId: subscription.id,
      planVersionId,
      periodStart: period.start.toISOString(),
      periodEnd: period.end.toISOString(),
    });

    await outbox.sendDue(new Date(), tenant.id);
    expect(stripe.requestsTo('/v1/billing/meter_events').map((report) => report.params['payload[value]'])).toEqual([
      '42',
    ]);
  });

  it('voids the Stripe copy of a voided invoice, and copies nothing of one voided before it reached Stripe', async () => {
    const tenant = await newTenant();
    const mirrored = await issuedInvoice(tenant.id);
    await outbox.sendDue(new Date(), tenant.id);
    const copyId = (
      await ownerClient().invoice.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: tenant.id, id: mirrored.id } },
      })
    ).stripeInvoiceId as string;
    await get(InvoiceVoiding).void(finance, mirrored.id, 'issued twice');
    await issuedInvoiceEntry(tenant.id, mirrored.id, 'invoice.voided');

    const late = await issuedInvoice(tenant.id);
    await get(InvoiceVoiding).void(finance, late.id, 'issued in error');
    await issuedInvoiceEntry(tenant.id, late.id, 'invoice.voided');
    stripe.clear();

    expect(await outbox.sendDue(new Date(), tenant.id)).toEqual({ sent: 3, failed: 0 });
    expect(stripe.requests.filter((request) => request.method !== 'GET')).toEqual([
      {
        method: 'POST',
        path: `/v1/invoices/${copyId}/void`,
        params: {},
        idempotencyKey: `warbler-invoice-${mirrored.id}-void`,
      },
    ]);
    expect(stripe.account.invoices.get(copyId)?.['status']).toBe('void');
    expect(
      [...stripe.account.invoices.values()].filter(
        (copy) => (copy['metadata'] as Record<string, string>)['warbler_invoice_id'] === late.id,
      ),
    ).toEqual([]);
  });

  it('stops Stripe collecting an invoice finance recorded as paid', async () => {
    const tenant = await newTenant();
    const invoice = await issuedInvoice(tenant.id, null);
    await outbox.sendDue(new Date(), tenant.id);
    const copyId = (
      await ownerClient().invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenant.id, id: invoice.id } } })
    ).stripeInvoiceId as string;
    const paid = await get(InvoicePayments).record(finance, invoice.id, {
      amountMinor: 8650n,
      method: PaymentMethod.BANK_TRANSFER,
      reference: 'wire 1',
    });
    const payment = paid.payments[0];
    const written = await ownerClient().providerOutboxEntry.count({
      where: { tenantId: tenant.id, kind: 'invoice.payment_recorded' },
    });
    if (written === 0) {
      await record(tenant.id, { kind: 'invoice.payment_recorded', invoiceId: invoice.id, paymentId: payment.id });
    }
    stripe.clear();

    await outbox.sendDue(new Date(), tenant.id);
    expect(stripe.requestsTo(`/v1/invoices/${copyId}/pay`)).toEqual([
      {
        method: 'POST',
        path: `/v1/invoices/${copyId}/pay`,
        params: { paid_out_of_band: 'true' },
        idempotencyKey: `warbler-invoice-${invoice.id}-paid-out-of-band`,
      },
    ]);
    expect(stripe.account.invoices.get(copyId)?.['status']).toBe('paid');
  });

  it('copies credit notes onto the Stripe invoice: lowering what is due, or returned outside Stripe', async () => {
    const tenant = await newTenant();
    const open = await issuedInvoice(tenant.id);
    const paid = await issuedInvoice(tenant.id);
    await outbox.sendDue(new Date(), tenant.id);
    await get(InvoicePayments).record(finance, paid.id, { amountMinor: 10_380n, method: PaymentMethod.BANK_TRANSFER });
    const issuing = get(CreditNoteIssuing);
    const lowered = await issuing.issue(
      finance,
      {
        invoiceId: open.id,
        reason: 'BILLING_ERROR',
        memo: 'Seats counted twice',
        lines: [{ invoiceLineId: open.lines[1].id, description: null, amountMinor: 1250n }],
      },
      'lower-1',
    );
    const refunded = await issuing.issue(
      finance,
      {
        invoiceId: paid.id,
        reason: 'DUPLICATE',
        memo: null,
        lines: [{ invoiceLineId: paid.lines[0].id, description: null, amountMinor: 4900n }],
      },
      'refund-1',
    );
    stripe.clear();

    await outbox.sendDue(new Date(), tenant.id);
    const copyOf = async (id: string) =>
      (await ownerClient().invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenant.id, id } } }))
        .stripeInvoiceId;
    const note = (creditNote: typeof lowered, invoiceCopy: string | null, extra: Record<string, string>) => ({
      method: 'POST',
      path: '/v1/credit_notes',
      params: {
        invoice: invoiceCopy,
        'lines[0][type]': 'custom_line_item',
        'lines[0][description]': creditNote.lines[0].description,
        'lines[0][quantity]': '1',
        'lines[0][unit_amount]': creditNote.lines[0].amountMinor.toString(),
        'lines[1][type]': 'custom_line_item',
        'lines[1][description]': 'Tax',
        'lines[1][quantity]': '1',
        'lines[1][unit_amount]': creditNote.taxMinor.toString(),
        'metadata[warbler_credit_note_id]': creditNote.id,
        'metadata[warbler_credit_note_number]': creditNote.number,
        ...extra,
      },
      idempotencyKey: `warbler-credit-note-${creditNote.id}`,
    });
    expect(lowered.taxMinor).toBe(250n);
    expect(refunded.taxMinor).toBe(980n);
    expect(stripe.requestsTo('/v1/credit_notes')).toEqual([
      note(lowered, await copyOf(open.id), { memo: 'Seats counted twice' }),
      note(refunded, await copyOf(paid.id), { reason: 'duplicate', out_of_band_amount: '5880' }),
    ]);
  });
});
