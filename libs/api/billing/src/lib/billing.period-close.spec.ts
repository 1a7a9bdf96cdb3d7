import { SubscriptionPeriods } from '@warbler/api/catalog';
import { PlatformDatabase } from '@warbler/api/core';
import {
  billedPlan,
  BillingOps,
  closeOwnerClient,
  dataOf,
  graphql,
  type InvoicePageView,
  newMember,
  newTenant,
  ownerClient,
  periodTotal,
  seatHolders,
  signedInStaffAs,
  startTestApp,
  subscribeInPeriod,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';
import { InvoiceDrafting } from './period-close/invoice-drafting';

const utc = (iso: string) => new Date(`${iso}Z`);

/*
 * Periods here lie in 2023, before the 2025 periods the catalog's rollover tests use, so neither
 * suite's runs close the other's subscriptions. A test sets its subscription's period last: from
 * then on any run may close it.
 */

/** Team v1: USD 49.00 a month, 8.00 per seat above 2, and three metered charges. */
function teamPlan() {
  return billedPlan({
    name: 'Team',
    baseFeeMinor: 4900n,
    seatUnitPrice: '8',
    includedSeats: 2,
    charges: [
      {
        name: 'Messages',
        model: 'GRADUATED',
        includedUnits: '1000',
        tiers: [
          { upTo: '10000', unitPrice: '0.002', flatFee: '0' },
          { upTo: null, unitPrice: '0.001', flatFee: '5' },
        ],
        quota: { periodLimit: '50000', enforcement: 'SOFT' },
      },
      { name: 'AI tokens', model: 'PACKAGE', packageSize: '1000', unitPrice: '1.005' },
      { name: 'Storage', model: 'PER_UNIT', unitPrice: '0.1' },
    ],
  });
}

describe('period close drafts invoices', () => {
  let app: TestApp;
  let periods: SubscriptionPeriods;
  const invoicesOf = (tenantId: string) =>
    ownerClient().invoice.findMany({
      where: { tenantId },
      include: { lines: { orderBy: { position: 'asc' } } },
      orderBy: { periodStart: 'asc' },
    });

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    periods = app.app.get(SubscriptionPeriods);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('prices base fee, seats above the included ones, graduated and package usage, and tax, to the cent', async () => {
    const tenant = await newTenant();
    const plan = await teamPlan();
    const [messages, aiTokens] = plan.metricIds;
    const march = { start: utc('2023-03-01T00:00:00'), end: utc('2023-04-01T00:00:00') };
    // Seats are billed as paid for (5), whoever holds them (2 members do).
    await seatHolders(tenant.id, 2);
    await newMember(tenant.id, 'ADMIN', { seatAssigned: false });
    await ownerClient().tenant.update({ where: { id: tenant.id }, data: { taxRatePercent: '20' } });
    await periodTotal(tenant.id, messages, march, '25500');
    await periodTotal(tenant.id, aiTokens, march, '12345');
    await subscribeInPeriod(tenant.id, plan.planVersionId, march, null, 5);

    await periods.rollOverdue(utc('2023-04-01T00:00:01'));

    const [invoice, ...others] = await invoicesOf(tenant.id);
    expect(others).toEqual([]);
    /*
     * Base fee                                   49.00                     →  4900
     * Seats: 5 paid for, 2 included: 3 × 8.00   = 24.00                     →  2400
     * Messages: 25,500 − 1,000 included = 24,500 billable
     *   tier 1: 10,000 × 0.002                   = 20.00                     →  2000
     *   tier 2: 14,500 × 0.001 + 5.00 flat fee   = 19.50                     →  1950
     * AI tokens: 12,345 → 13 started packages of 1,000; 13 × 1.005 = 13.065,
     *   half-even to the cent                    = 13.06                     →  1306
     * Storage: no usage                          → no line
     * Subtotal 4900 + 2400 + 2000 + 1950 + 1306                             = 12556
     * Tax 20 % of 125.56 = 25.112                → 25.11                    →  2511
     * Total                                                                 = 15067
     */
    expect(invoice.lines.map((line) => [line.kind, line.description, line.amountMinor])).toEqual([
      ['BASE_FEE', 'Team v1 base fee', 4900n],
      ['SEATS', 'Seats above 2 included (3 × 8.00)', 2400n],
      ['USAGE', 'Messages above 1,000 included, tier 1 (10,000 × 0.002)', 2000n],
      ['USAGE', 'Messages above 1,000 included, tier 2 (14,500 × 0.001 + 5.00)', 1950n],
      ['USAGE', 'AI tokens, packages of 1,000 (13 × 1.005)', 1306n],
    ]);
    expect(invoice).toMatchObject({
      status: 'DRAFT',
      number: null,
      currency: 'USD',
      planVersionId: plan.planVersionId,
      periodStart: march.start,
      periodEnd: march.end,
      subtotalMinor: 12556n,
      taxMinor: 2511n,
      totalMinor: 15067n,
    });
    expect(invoice.taxRatePercent?.toFixed()).toBe('20');
    expect(invoice.lines.map((line) => line.metricId)).toEqual([null, null, messages, messages, aiTokens]);

    // Finance reads the same draft, each line explained from the rollup and quota it was priced from.
    const finance = (await signedInStaffAs('FINANCE')).caller;
    const page = dataOf(
      await graphql<{ financeInvoices: InvoicePageView }>(app, finance, BillingOps.financeInvoices, {
        tenantId: tenant.id,
      }),
    ).financeInvoices;
    const tier2 = page.edges[0].node.lines[3];
    expect(tier2).toMatchObject({ quantity: '14500', unitPrice: '0.001', amountMinor: '1950', tierIndex: 1 });
    expect(tier2.explain).toMatchObject({
      model: 'GRADUATED',
      quantity: '25500',
      includedUnits: '1000',
      billableUnits: '24500',
      fromUnits: '10000',
      upTo: null,
      flatFee: '5',
      unroundedAmount: '19.5',
      rollup: { metricId: messages, periodStart: march.start.toISOString(), value: '25500', eventCount: '42' },
      quota: { periodLimit: '50000', enforcement: 'SOFT' },
    });
    expect(page.edges[0].node.lines[1].explain).toMatchObject({ seats: 5, includedSeats: 2, billableSeats: 3 });
  });

  it('closes a period exactly once when two API instances run the rollover at the same time', async () => {
    const other = await startTestApp([BillingModule]);
    try {
      const tenant = await newTenant();
      const plan = await billedPlan({ baseFeeMinor: 1000n });
      const april = { start: utc('2023-04-01T00:00:00'), end: utc('2023-05-01T00:00:00') };
      await subscribeInPeriod(tenant.id, plan.planVersionId, april);
      const now = utc('2023-05-01T00:00:01');

      await Promise.all([
        periods.rollOverdue(now),
        other.app.get(SubscriptionPeriods).rollOverdue(now),
        periods.rollOverdue(now),
      ]);

      expect((await invoicesOf(tenant.id)).map((invoice) => [invoice.periodStart, invoice.totalMinor])).toEqual([
        [april.start, 1000n],
      ]);
      const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
      expect([subscription.currentPeriodStart, subscription.currentPeriodEnd]).toEqual([april.end, utc('2023-06-01')]);
    } finally {
      await other.close();
    }
  });

  it('refuses a second draft of a closed period: the unique key backs up the conditional roll', async () => {
    const tenant = await newTenant();
    const plan = await billedPlan({ baseFeeMinor: 1000n });
    const may = { start: utc('2023-05-01T00:00:00'), end: utc('2023-06-01T00:00:00') };
    await subscribeInPeriod(tenant.id, plan.planVersionId, may);
    await periods.rollOverdue(utc('2023-06-01T00:00:00'));
    const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });

    const again = await app.app.get(PlatformDatabase).client.$transaction((tx) =>
      app.app.get(InvoiceDrafting).draft(tx, [
        {
          tenantId: tenant.id,
          subscriptionId: subscription.id,
          planVersionId: plan.planVersionId,
          seatQuantity: 0,
          trialEndsAt: null,
          period: may,
          run: {},
        },
      ]),
    );

    expect(again).toEqual([]);
    expect(await invoicesOf(tenant.id)).toHaveLength(1);
  });

  it('drafts one invoice per missed period when a subscription is several periods behind', async () => {
    const tenant = await newTenant();
    const plan = await billedPlan({ baseFeeMinor: 2500n });
    await subscribeInPeriod(tenant.id, plan.planVersionId, {
      start: utc('2023-01-15T00:00:00'),
      end: utc('2023-02-15T00:00:00'),
    });

    await periods.rollOverdue(utc('2023-05-20T00:00:00'));

    expect((await invoicesOf(tenant.id)).map((invoice) => [invoice.periodStart, invoice.periodEnd])).toEqual([
      [utc('2023-01-15'), utc('2023-02-15')],
      [utc('2023-02-15'), utc('2023-03-15')],
      [utc('2023-03-15'), utc('2023-04-15')],
      [utc('2023-04-15'), utc('2023-05-15')],
    ]);
    const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(subscription.currentPeriodStart).toEqual(utc('2023-05-15'));
  });

  it('charges no fixed fees for a period that ends when the trial does, but bills its usage', async () => {
    const tenant = await newTenant();
    const plan = await teamPlan();
    const [messages] = plan.metricIds;
    const june = { start: utc('2023-06-01T00:00:00'), end: utc('2023-07-01T00:00:00') };
    await periodTotal(tenant.id, messages, june, '3000');
    await subscribeInPeriod(tenant.id, plan.planVersionId, june, june.end, 4);

    await periods.rollOverdue(utc('2023-07-01T00:00:00'));

    // Messages: 3,000 − 1,000 included = 2,000 × 0.002 = 4.00; no base fee, no seats.
    const [invoice] = await invoicesOf(tenant.id);
    expect(invoice.lines.map((line) => [line.kind, line.amountMinor])).toEqual([['USAGE', 400n]]);
    expect(invoice.totalMinor).toBe(400n);
  });

  it('still drafts a zero invoice for a period with nothing to charge: it documents the period', async () => {
    const tenant = await newTenant();
    const plan = await billedPlan();
    const july = { start: utc('2023-07-01T00:00:00'), end: utc('2023-08-01T00:00:00') };
    await subscribeInPeriod(tenant.id, plan.planVersionId, july);

    await periods.rollOverdue(utc('2023-08-01T00:00:00'));

    expect(await invoicesOf(tenant.id)).toEqual([
      expect.objectContaining({ status: 'DRAFT', subtotalMinor: 0n, taxMinor: 0n, totalMinor: 0n, lines: [] }),
    ]);
  });

  it('leaves a subscription whose period cannot be priced where it was, and moves the others on', async () => {
    const [broken, healthy] = [await newTenant(), await newTenant()];
    const unpriceable = await billedPlan({ currency: 'ZZZ', baseFeeMinor: 100n });
    const fine = await billedPlan({ baseFeeMinor: 100n });
    const august = { start: utc('2023-08-01T00:00:00'), end: utc('2023-09-01T00:00:00') };
    await subscribeInPeriod(healthy.id, fine.planVersionId, august);
    await subscribeInPeriod(broken.id, unpriceable.planVersionId, august);
    const now = utc('2023-09-01T00:00:00');

    try {
      await expect(periods.rollOverdue(now)).rejects.toThrow(
        /could not close their period.*unsupported currency "ZZZ"/,
      );
      const stuck = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: broken.id } });
      expect(stuck.currentPeriodStart).toEqual(august.start);
      expect(await invoicesOf(broken.id)).toEqual([]);
      expect(await invoicesOf(healthy.id)).toHaveLength(1);
    } finally {
      // Once its terms can be priced, the next run closes it.
      await ownerClient().subscription.update({
        where: { tenantId: broken.id },
        data: { planVersionId: fine.planVersionId },
      });
      await periods.rollOverdue(now);
    }
    expect(await invoicesOf(broken.id)).toHaveLength(1);
  });
});
