import { randomUUID } from 'node:crypto';
import { SubscriptionPeriods } from '@warbler/api/catalog';
import { PlatformDatabase } from '@warbler/api/core';
import {
  type Caller,
  type ChangePreviewView,
  changesOf,
  closeOwnerClient,
  dataOf,
  graphql,
  newMeteredMetric,
  newMember,
  newTenant,
  offeredPlan,
  outcome,
  ownerClient,
  periodAround,
  signedInTenantMember,
  startTestApp,
  subscriptionOn,
  SubscriptionOps as Ops,
  type SubscriptionView,
  type TestApp,
  type UpcomingInvoiceView,
  wholeSecondAgo,
} from '../testing';
import { BillingModule } from './billing.module';
import { InvoiceDrafting } from './period-close/invoice-drafting';

/*
 * The subscription lifecycle through GraphQL on the real database. Plans are the demo catalog's
 * Team v1 (49.00 a month, 8.00 per seat above 5, at most 10 seats) and Business v1 (499.00, 12.00
 * per seat above 20), with messages at 0.01 on Team and 0.005 on Business. Every figure was worked
 * out by hand; the arithmetic sits next to the expectation.
 */

const key = () => `key-${randomUUID()}`;
const summary = (lines: { kind: string; description: string; amountMinor: string | bigint }[]) =>
  lines.map((line) => [line.kind, line.description, String(line.amountMinor)]);

describe('the subscription lifecycle', () => {
  let app: TestApp;
  let periods: SubscriptionPeriods;
  let messages: string;
  let team: { planId: string; planVersionId: string };
  let business: { planId: string; planVersionId: string };

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    periods = app.app.get(SubscriptionPeriods);
    messages = (await newMeteredMetric('Messages')).id;
    team = await offeredPlan({
      name: 'Team',
      baseFeeMinor: 4900n,
      seatUnitPrice: '8',
      includedSeats: 5,
      maxSeats: 10,
      trialDays: 14,
      charges: [{ metricId: messages, model: 'PER_UNIT', unitPrice: '0.01' }],
    });
    business = await offeredPlan({
      name: 'Business',
      baseFeeMinor: 49900n,
      seatUnitPrice: '12',
      includedSeats: 20,
      maxSeats: 500,
      trialDays: 14,
      charges: [{ metricId: messages, model: 'PER_UNIT', unitPrice: '0.005' }],
    });
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  /** A tenant on Team with 8 seats paid for and 4 held, 10 days into a 30-day period, and its admin. */
  async function teamTenant(options: { taxRatePercent?: string; period?: { start: Date; end: Date } } = {}) {
    const tenant = await newTenant();
    const admin = await signedInTenantMember(tenant.id, 'ADMIN');
    for (let n = 0; n < 3; n++) await newMember(tenant.id, 'MEMBER', { seatAssigned: true });
    await ownerClient().membership.update({
      where: { tenantId_id: { tenantId: tenant.id, id: admin.membership.id } },
      data: { seatAssigned: true },
    });
    if (options.taxRatePercent) {
      await ownerClient().tenant.update({ where: { id: tenant.id }, data: { taxRatePercent: options.taxRatePercent } });
    }
    const at = wholeSecondAgo();
    const period = options.period ?? periodAround(at, 10, 20);
    await subscriptionOn(tenant.id, team.planVersionId, period, { seatQuantity: 8 });
    return { tenantId: tenant.id, admin: admin.caller, at, period };
  }

  async function usage(tenantId: string, period: { start: Date; end: Date }, value: string) {
    await ownerClient().usagePeriodTotal.create({
      data: { tenantId, metricId: messages, periodStart: period.start, periodEnd: period.end, value, eventCount: 1n },
    });
  }

  const preview = async (caller: Caller, input: Record<string, unknown>) =>
    dataOf(
      await graphql<{ previewSubscriptionChange: ChangePreviewView }>(app, caller, Ops.previewSubscriptionChange, {
        input,
      }),
    ).previewSubscriptionChange;
  const change = async (caller: Caller, input: Record<string, unknown>, idempotencyKey = key()) =>
    dataOf(
      await graphql<{ changeSubscription: SubscriptionView }>(app, caller, Ops.changeSubscription, {
        input,
        idempotencyKey,
      }),
    ).changeSubscription;
  const upcoming = async (caller: Caller) =>
    dataOf(await graphql<{ upcomingInvoice: UpcomingInvoiceView }>(app, caller, Ops.upcomingInvoice)).upcomingInvoice;

  describe('upgrade from Team to Business 10 days into a 30-day period', () => {
    // 20 of 30 days remain: 2/3 of the period.
    const changeLines = [
      // 49.00 × 2/3 = 32.666… → 32.67 credited
      ['PRORATION_CREDIT', 'Unused time on Team v1 base fee (2/3 of the period)', '-3267'],
      // (8 − 5) × 8.00 = 24.00 × 2/3 = 16.00 credited
      ['PRORATION_CREDIT', 'Unused time on Team v1 seats above 5 included (2/3 of the period, 3 × 8.00)', '-1600'],
      // 499.00 × 2/3 = 332.666… → 332.67; the 20 seats carried over are all included in Business
      ['PRORATION_CHARGE', 'Remaining time on Business v1 base fee (2/3 of the period)', '33267'],
    ];

    it('previews the exact lines, their tax and the invoice it leads to, changing nothing', async () => {
      const { tenantId, admin, at, period } = await teamTenant({ taxRatePercent: '10' });
      await usage(tenantId, period, '1000');
      const before = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } });

      const seen = await preview(admin, { planVersionId: business.planVersionId, timing: 'NOW', effectiveAt: at });

      expect(seen).toMatchObject({
        timing: 'NOW',
        effectiveAt: at.toISOString(),
        currency: 'USD',
        planVersion: { id: business.planVersionId },
        seatQuantity: 20,
        trialEndsAt: null,
      });
      expect(summary(seen.lines)).toEqual(changeLines);
      // −32.67 − 16.00 + 332.67 = 284.00. The invoice's tax goes from 10 % of 83.00 (Team fees 73.00 +
      // 1,000 messages × 0.01) = 8.30 to 10 % of 362.00 (73.00 + 284.00 + 1,000 × 0.005) = 36.20: +27.90.
      expect([seen.subtotalMinor, seen.taxMinor, seen.totalMinor]).toEqual(['28400', '2790', '31190']);
      expect(summary(seen.nextInvoice.lines)).toEqual([
        ['BASE_FEE', 'Team v1 base fee', '4900'],
        ['SEATS', 'Seats above 5 included (3 × 8.00)', '2400'],
        ...changeLines,
        ['USAGE', 'Messages (1,000 × 0.005)', '500'],
      ]);
      expect(seen.nextInvoice).toMatchObject({
        planVersionId: business.planVersionId,
        subtotalMinor: '36200',
        taxMinor: '3620',
        totalMinor: '39820',
      });
      // The next period on Business: 499.00 base fee + 10 % = 548.90.
      expect(summary(seen.firstPeriodFixedFees.lines)).toEqual([['BASE_FEE', 'Business v1 base fee', '49900']]);
      expect(seen.firstPeriodFixedFees).toMatchObject({
        periodStart: period.end.toISOString(),
        totalMinor: '54890',
      });
      expect(await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } })).toEqual(before);
      expect(await changesOf(tenantId)).toEqual([]);
    });

    it('makes the previewed change: the upcoming invoice then shows exactly the previewed figures', async () => {
      const { tenantId, admin, at, period } = await teamTenant({ taxRatePercent: '10' });
      await usage(tenantId, period, '1000');
      const input = { planVersionId: business.planVersionId, timing: 'NOW', effectiveAt: at };
      const seen = await preview(admin, input);

      const changed = await change(admin, input);

      expect(changed).toMatchObject({
        planVersion: { id: business.planVersionId },
        seatQuantity: 20,
        planCode: expect.any(String),
      });
      const [recorded, ...others] = await changesOf(tenantId);
      expect(others).toEqual([]);
      expect(recorded).toMatchObject({
        kind: 'PLAN_CHANGED',
        effectiveAt: at,
        periodStart: period.start,
        periodEnd: period.end,
        fromPlanVersionId: team.planVersionId,
        toPlanVersionId: business.planVersionId,
        fromSeatQuantity: 8,
        toSeatQuantity: 20,
      });
      const estimate = await upcoming(admin);
      expect({ ...estimate, estimatedAt: null }).toEqual({ ...seen.nextInvoice, estimatedAt: null });
      const event = await ownerClient().auditEvent.findFirst({ where: { tenantId }, orderBy: { seq: 'desc' } });
      expect(event).toMatchObject({ action: 'subscription.plan_changed', targetType: 'Subscription' });
      expect(event?.changes).toMatchObject({
        planVersionId: { before: team.planVersionId, after: business.planVersionId },
        seatQuantity: { before: 8, after: 20 },
      });
    });

    it('drafts, when the period closes, exactly the previewed lines and total', async () => {
      const { tenantId, admin, at, period } = await teamTenant({ taxRatePercent: '10' });
      await usage(tenantId, period, '1000');
      const input = { planVersionId: business.planVersionId, timing: 'NOW', effectiveAt: at };
      const seen = await preview(admin, input);
      await change(admin, input);

      // The period-end handler the rollover calls, run here for this subscription alone: rolling every
      // subscription to 20 days from now would close other tests' periods under them.
      const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } });
      await app.app.get(PlatformDatabase).client.$transaction((tx) =>
        app.app.get(InvoiceDrafting).draft(tx, [
          {
            tenantId,
            subscriptionId: subscription.id,
            planVersionId: subscription.planVersionId,
            seatQuantity: subscription.seatQuantity,
            trialEndsAt: subscription.trialEndsAt,
            period,
            run: {},
          },
        ]),
      );

      const invoice = await ownerClient().invoice.findFirstOrThrow({
        where: { tenantId },
        include: { lines: { orderBy: { position: 'asc' } } },
      });
      expect(summary(invoice.lines)).toEqual(summary(seen.nextInvoice.lines));
      expect(invoice.lines.map((line) => line.explain)).toEqual(seen.nextInvoice.lines.map((line) => line.explain));
      expect(invoice).toMatchObject({
        planVersionId: business.planVersionId,
        periodStart: period.start,
        periodEnd: period.end,
        subtotalMinor: 36200n,
        taxMinor: 3620n,
        totalMinor: 39820n,
      });
      expect(String(invoice.totalMinor)).toBe(seen.nextInvoice.totalMinor);
    });
  });

  it('prorates a seat change on the same version', async () => {
    const { tenantId, admin, at } = await teamTenant();
    // 10 seats: (10 − 5) × 8.00 = 40.00 × 2/3 = 26.666… → 26.67; credit 24.00 × 2/3 = 16.00.
    const seen = await preview(admin, { seatQuantity: 10, timing: 'NOW', effectiveAt: at });
    expect(summary(seen.lines)).toEqual([
      ['PRORATION_CREDIT', 'Unused time on Team v1 seats above 5 included (2/3 of the period, 3 × 8.00)', '-1600'],
      ['PRORATION_CHARGE', 'Remaining time on Team v1 seats above 5 included (2/3 of the period, 5 × 8.00)', '2667'],
    ]);
    expect(seen.totalMinor).toBe('1067');

    const changed = await change(admin, { seatQuantity: 10, timing: 'NOW', effectiveAt: at });

    expect(changed).toMatchObject({ seatQuantity: 10, seatsInUse: 4, planVersion: { id: team.planVersionId } });
    expect((await changesOf(tenantId)).map((row) => row.kind)).toEqual(['SEATS_CHANGED']);
    const event = await ownerClient().auditEvent.findFirst({ where: { tenantId }, orderBy: { seq: 'desc' } });
    expect(event?.action).toBe('subscription.seats_changed');
  });

  it('chains concurrent changes one after the other: each starts from the terms the other left', async () => {
    const { tenantId, admin } = await teamTenant();

    const answers = await Promise.all(
      [9, 10, 7].map((seatQuantity) =>
        graphql(app, admin, Ops.changeSubscription, { input: { seatQuantity, timing: 'NOW' }, idempotencyKey: key() }),
      ),
    );

    expect(answers.map(outcome)).toEqual(['OK', 'OK', 'OK']);
    const rows = await changesOf(tenantId);
    expect(rows).toHaveLength(3);
    expect(rows[0].fromSeatQuantity).toBe(8);
    expect(rows[1].fromSeatQuantity).toBe(rows[0].toSeatQuantity);
    expect(rows[2].fromSeatQuantity).toBe(rows[1].toSeatQuantity);
    expect(rows[0].effectiveAt < rows[1].effectiveAt && rows[1].effectiveAt < rows[2].effectiveAt).toBe(true);
    const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } });
    expect(subscription.seatQuantity).toBe(rows[2].toSeatQuantity);
  });

  it('records a retried change once and answers the same; a key reused for another change is refused', async () => {
    const { tenantId, admin } = await teamTenant();
    const idempotencyKey = key();
    const input = { seatQuantity: 9, timing: 'NOW' };

    const first = await change(admin, input, idempotencyKey);
    const retried = await change(admin, input, idempotencyKey);

    expect(retried).toEqual(first);
    expect(await changesOf(tenantId)).toHaveLength(1);
    const reused = await graphql(app, admin, Ops.changeSubscription, {
      input: { seatQuantity: 10, timing: 'NOW' },
      idempotencyKey,
    });
    expect(outcome(reused)).toBe('CONFLICT:IDEMPOTENCY_KEY_REUSED');
    expect(await changesOf(tenantId)).toHaveLength(1);
  });

  describe('a change at period end', () => {
    it('schedules the version, applies it exactly once at the boundary, and starts the next period on it', async () => {
      const { tenantId, admin, period } = await teamTenant();
      const seen = await preview(admin, { planVersionId: business.planVersionId, timing: 'PERIOD_END' });
      expect(seen).toMatchObject({ timing: 'PERIOD_END', effectiveAt: period.end.toISOString(), lines: [] });
      expect([seen.subtotalMinor, seen.taxMinor, seen.totalMinor]).toEqual(['0', '0', '0']);
      expect(seen.nextInvoice.planVersionId).toBe(team.planVersionId);
      expect(summary(seen.firstPeriodFixedFees.lines)).toEqual([['BASE_FEE', 'Business v1 base fee', '49900']]);

      const scheduled = await change(admin, { planVersionId: business.planVersionId, timing: 'PERIOD_END' });
      expect(scheduled).toMatchObject({
        planVersion: { id: team.planVersionId },
        scheduledPlanVersion: { id: business.planVersionId },
        scheduledPlan: { id: business.planId },
        cancelAtPeriodEnd: false,
      });
      expect(await changesOf(tenantId)).toEqual([]);

      // The period as if it had been 2019's March: the rollover then closes it, twice over.
      const march = { start: new Date('2019-03-01T00:00:00Z'), end: new Date('2019-04-01T00:00:00Z') };
      await ownerClient().subscription.update({
        where: { tenantId },
        data: { currentPeriodStart: march.start, currentPeriodEnd: march.end, billingAnchorAt: march.start },
      });
      await Promise.all([
        periods.rollOverdue(new Date('2019-04-01T00:00:01Z')),
        periods.rollOverdue(new Date('2019-04-01T00:00:01Z')),
      ]);
      await periods.rollOverdue(new Date('2019-04-01T00:00:02Z'));

      const applied = await changesOf(tenantId);
      expect(applied).toEqual([
        expect.objectContaining({
          kind: 'SCHEDULED_APPLIED',
          effectiveAt: march.end,
          periodStart: march.end,
          periodEnd: new Date('2019-05-01T00:00:00Z'),
          fromPlanVersionId: team.planVersionId,
          toPlanVersionId: business.planVersionId,
          fromSeatQuantity: 8,
          toSeatQuantity: 20,
          requestedByUserId: null,
        }),
      ]);
      const after = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } });
      expect(after).toMatchObject({
        planVersionId: business.planVersionId,
        seatQuantity: 20,
        scheduledPlanVersionId: null,
        cancelAtPeriodEnd: false,
        currentPeriodStart: march.end,
      });

      // April starts on Business: its invoice bills Business in full, with no proration.
      await periods.rollOverdue(new Date('2019-05-01T00:00:00Z'));
      const invoices = await ownerClient().invoice.findMany({
        where: { tenantId },
        include: { lines: { orderBy: { position: 'asc' } } },
        orderBy: { periodStart: 'asc' },
      });
      expect(invoices.map((invoice) => [invoice.planVersionId, summary(invoice.lines)])).toEqual([
        [
          team.planVersionId,
          [
            ['BASE_FEE', 'Team v1 base fee', '4900'],
            ['SEATS', 'Seats above 5 included (3 × 8.00)', '2400'],
          ],
        ],
        [business.planVersionId, [['BASE_FEE', 'Business v1 base fee', '49900']]],
      ]);
    });

    it('cancels at period end onto the default plan, and resumes', async () => {
      const { tenantId, admin } = await teamTenant();
      const defaultVersion = await ownerClient().planVersion.findFirstOrThrow({
        where: { status: 'PUBLISHED', plan: { isDefault: true } },
        orderBy: { version: 'desc' },
      });

      const cancelling = dataOf(
        await graphql<{ cancelSubscription: SubscriptionView }>(app, admin, Ops.cancelSubscription, {
          atPeriodEnd: true,
          idempotencyKey: key(),
        }),
      ).cancelSubscription;

      expect(cancelling).toMatchObject({
        planVersion: { id: team.planVersionId },
        scheduledPlanVersion: { id: defaultVersion.id },
        scheduledPlan: { isDefault: true },
        cancelAtPeriodEnd: true,
        cancelRequestedAt: expect.any(String),
      });
      const resumed = dataOf(
        await graphql<{ resumeSubscription: SubscriptionView }>(app, admin, Ops.resumeSubscription),
      ).resumeSubscription;
      expect(resumed).toMatchObject({ scheduledPlanVersion: null, cancelAtPeriodEnd: false, cancelRequestedAt: null });
      expect(outcome(await graphql(app, admin, Ops.resumeSubscription))).toBe('CONFLICT:NOTHING_TO_RESUME');
      const actions = await ownerClient().auditEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } });
      expect(actions.map((event) => event.action)).toEqual(['subscription.canceled', 'subscription.resumed']);
      expect(await changesOf(tenantId)).toEqual([]);
    });
  });

  it('cancels now onto the default plan, prorated like a downgrade; the default plan has nothing to cancel', async () => {
    const { tenantId, admin, at } = await teamTenant();
    const idempotencyKey = key();

    const canceled = dataOf(
      await graphql<{ cancelSubscription: SubscriptionView }>(app, admin, Ops.cancelSubscription, {
        atPeriodEnd: false,
        idempotencyKey,
      }),
    ).cancelSubscription;

    const [row] = await changesOf(tenantId);
    expect(row).toMatchObject({ kind: 'CANCELED', fromPlanVersionId: team.planVersionId, fromSeatQuantity: 8 });
    expect(canceled.planVersion.id).toBe(row.toPlanVersionId);
    const defaultVersion = await ownerClient().planVersion.findUniqueOrThrow({ where: { id: row.toPlanVersionId } });
    expect(canceled.seatQuantity).toBe(Math.min(Math.max(8, defaultVersion.includedSeats), defaultVersion.maxSeats));
    // The unused 2/3 of Team is credited (the default plan is free): −32.67 − 16.00, a moment after `at`.
    const estimate = await upcoming(admin);
    const credits = estimate.lines.filter((line) => line.kind === 'PRORATION_CREDIT');
    expect(credits.map((line) => line.description.replace(/\(.*? of the period/, '(… of the period'))).toEqual([
      'Unused time on Team v1 base fee (… of the period)',
      'Unused time on Team v1 seats above 5 included (… of the period, 3 × 8.00)',
    ]);
    expect(new Date(credits[0].periodStart).getTime()).toBeGreaterThanOrEqual(at.getTime());

    const retried = await graphql(app, admin, Ops.cancelSubscription, { atPeriodEnd: false, idempotencyKey });
    expect(outcome(retried)).toBe('OK');
    expect(await changesOf(tenantId)).toHaveLength(1);
    const again = await graphql(app, admin, Ops.cancelSubscription, { atPeriodEnd: false, idempotencyKey: key() });
    expect(outcome(again)).toBe('CONFLICT:ALREADY_ON_DEFAULT_PLAN');
  });

  it('starts a trial when a tenant that never had one moves onto a version with one', async () => {
    const { tenantId, admin, at, period } = await teamTenant();
    await ownerClient().subscription.update({ where: { tenantId }, data: { trialEndsAt: null } });

    const seen = await preview(admin, { planVersionId: business.planVersionId, timing: 'NOW', effectiveAt: at });
    const trialEndsAt = new Date(at.getTime() + 14 * 24 * 3600 * 1000);
    // Team's unused 2/3 is credited; Business costs nothing until the trial ends after this period.
    expect(summary(seen.lines)).toEqual([
      ['PRORATION_CREDIT', 'Unused time on Team v1 base fee (2/3 of the period)', '-3267'],
      ['PRORATION_CREDIT', 'Unused time on Team v1 seats above 5 included (2/3 of the period, 3 × 8.00)', '-1600'],
    ]);
    expect(seen.trialEndsAt).toBe(trialEndsAt.toISOString());
    // The trial ends 14 days after `at`, 6 days before the period does: 1/5 of it is charged.
    expect(trialEndsAt < period.end).toBe(true);
    expect(summary(seen.nextInvoice.lines).slice(4)).toEqual([
      ['PRORATION_CHARGE', 'Remaining time on Business v1 base fee (1/5 of the period)', '9980'],
    ]);

    const changed = await change(admin, { planVersionId: business.planVersionId, timing: 'NOW', effectiveAt: at });
    expect(changed).toMatchObject({ status: 'TRIALING', trialEndsAt: trialEndsAt.toISOString() });
    expect((await changesOf(tenantId)).map((row) => row.kind)).toEqual(['TRIAL_STARTED']);
    expect(summary((await upcoming(admin)).lines)).toEqual(summary(seen.nextInvoice.lines));
  });

  it('lists the plan versions on sale, marking the current one', async () => {
    const { admin } = await teamTenant();
    const offers = dataOf(
      await graphql<{ availablePlans: { current: boolean; plan: { id: string }; version: { id: string } }[] }>(
        app,
        admin,
        Ops.availablePlans,
      ),
    ).availablePlans;
    expect(offers.find((offer) => offer.plan.id === team.planId)).toMatchObject({
      current: true,
      version: { id: team.planVersionId },
    });
    expect(offers.find((offer) => offer.plan.id === business.planId)).toMatchObject({ current: false });
    expect(offers.filter((offer) => offer.current)).toHaveLength(1);
  });
});
