import { randomUUID } from 'node:crypto';
import type { Prisma } from '@warbler/api/core';
import {
  closeOwnerClient,
  meteringTenant,
  newMetric,
  ownerClient,
  postUsage,
  startTestApp,
  usageEvent,
  type MeteringTenant,
  type TestApp,
} from '../../testing';
import { MeteringModule } from '../metering.module';

type Result = { status: string; reason?: string; spending_cap?: Record<string, string> };

/*
 * The hard spending cap and the spending alert in ingestion. Spend is the period's usage priced on the
 * plan version (tiers included), each line rounded as on the invoice; the fixture plans bill in USD.
 */
describe('spending cap and alert in ingestion', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp([MeteringModule]);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const charge = (planVersionId: string, metricId: string, terms: Partial<Prisma.PlanChargeUncheckedCreateInput>) =>
    ownerClient().planCharge.create({
      data: { id: randomUUID(), planVersionId, metricId, model: 'PER_UNIT', unitPrice: '0.01', ...terms },
    });
  const setTerms = (
    tenantId: string,
    terms: { spendingCapMinor?: bigint | null; spendingAlertMinor?: bigint | null },
  ) =>
    ownerClient().tenantBillingTerms.upsert({
      where: { tenantId },
      create: { tenantId, currency: 'USD', ...terms },
      update: { ...terms, spendingAlertNotifiedFor: null },
    });
  const send = async (world: MeteringTenant, metric: string, quantities: (string | number)[]) =>
    (await postUsage(app, world.key, { events: quantities.map((quantity) => usageEvent({ metric, quantity })) })).body
      .results as Result[];
  const periodOf = (tenantId: string) => ownerClient().subscription.findFirstOrThrow({ where: { tenantId } });

  it('admits the event that lands exactly on the cap and refuses the next, on tiered prices', async () => {
    const world = await meteringTenant();
    const tokens = await newMetric('SUM');
    const logins = await newMetric('COUNT');
    // Tokens: the first 100 at 0.10, the rest at 0.05. Logins: 5 included, then 0.01 each.
    await charge(world.planVersionId, tokens.id, {
      model: 'GRADUATED',
      unitPrice: null,
      tiers: [
        { upTo: '100', unitPrice: '0.1', flatFee: '0' },
        { upTo: null, unitPrice: '0.05', flatFee: '0' },
      ],
    });
    await charge(world.planVersionId, logins.id, { includedUnits: '5' });
    await setTerms(world.tenant.id, { spendingCapMinor: 1500n });
    const { currentPeriodEnd } = await periodOf(world.tenant.id);

    // 100 → 10.00; +60 → 10.00 + 3.00 = 13.00; +40 → 15.00 = the cap, admitted; +1 → 15.05, refused;
    // +0 costs nothing and is admitted at the cap.
    const results = await send(world, tokens.code, ['100', '60', '40', '1', '0']);

    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected', 'accepted']);
    expect(results[3]).toEqual({
      idempotency_key: expect.any(String),
      status: 'rejected',
      reason: 'SPENDING_CAP_EXCEEDED',
      message: `The spending cap of 15.00 USD for this period would be passed: 15.00 USD spent so far; it resets at ${currentPeriodEnd.toISOString()}`,
      spending_cap: {
        cap_minor: '1500',
        spent_minor: '1500',
        currency: 'USD',
        resets_at: currentPeriodEnd.toISOString(),
      },
    });
    // Within the included logins nothing is spent, so the cap lets them through; the sixth costs 0.01.
    expect((await send(world, logins.code, [1, 1, 1, 1, 1, 1])).map((r) => r.status)).toEqual([
      ...Array(5).fill('accepted'),
      'rejected',
    ]);
    // A refused event leaves no key and no trace.
    const total = await ownerClient().usagePeriodTotal.findFirstOrThrow({
      where: { tenantId: world.tenant.id, metricId: tokens.id },
    });
    expect(total.value.toFixed()).toBe('200');

    // Raised by one cent, the cap admits exactly one more login.
    await setTerms(world.tenant.id, { spendingCapMinor: 1501n });
    expect((await send(world, logins.code, [1, 1])).map((r) => r.status)).toEqual(['accepted', 'rejected']);
  });

  it('weighs events in input order across metrics, a quota refusal costing nothing', async () => {
    const world = await meteringTenant();
    const [a, b] = [await newMetric('SUM'), await newMetric('SUM')];
    await charge(world.planVersionId, a.id, { unitPrice: '1' });
    await charge(world.planVersionId, b.id, { unitPrice: '1' });
    await setTerms(world.tenant.id, { spendingCapMinor: 1000n });

    const answer = await postUsage(app, world.key, {
      events: [
        usageEvent({ metric: a.code, quantity: '6' }),
        usageEvent({ metric: b.code, quantity: '5' }),
        usageEvent({ metric: b.code, quantity: '4' }),
        usageEvent({ metric: a.code, quantity: '1' }),
      ],
    });

    // 6.00, then 11.00 > 10.00 refused, then 10.00 exactly, then 11.00 refused.
    expect(answer.body.results.map((r: Result) => r.reason ?? r.status)).toEqual([
      'accepted',
      'SPENDING_CAP_EXCEEDED',
      'accepted',
      'SPENDING_CAP_EXCEEDED',
    ]);
  });

  it('never lets concurrent batches of one tenant overshoot together, whatever metrics they count', async () => {
    const world = await meteringTenant();
    const [a, b] = [await newMetric('SUM'), await newMetric('SUM')];
    await charge(world.planVersionId, a.id, {});
    await charge(world.planVersionId, b.id, {});
    await setTerms(world.tenant.id, { spendingCapMinor: 100n });

    // 20 batches of 10 events of 7 units at 0.01: 14.00 asked for, 1.00 allowed. Half the batches
    // count only metric a, half only b; they start together, before either metric has a period
    // total to lock, so only the lock on the spending terms keeps them from deciding at once.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postUsage(app, world.key, {
          events: Array.from({ length: 10 }, () => usageEvent({ metric: (i % 2 ? a : b).code, quantity: '7' })),
        }),
      ),
    );

    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    // Each event costs 0.07: 14 × 0.07 = 0.98, a 15th would make 1.05.
    expect(answers.reduce((sum, answer) => sum + answer.body.accepted, 0)).toBe(14);
    const totals = await ownerClient().usagePeriodTotal.findMany({ where: { tenantId: world.tenant.id } });
    expect(totals.reduce((sum, total) => sum + Number(total.value), 0)).toBe(98);
  });

  it('tells the tenant once per period when spend reaches the alert, in the batch that reached it', async () => {
    const world = await meteringTenant();
    const messages = await newMetric('SUM');
    await charge(world.planVersionId, messages.id, {});
    await setTerms(world.tenant.id, { spendingAlertMinor: 500n });
    const alerts = () =>
      ownerClient().notification.findMany({ where: { tenantId: world.tenant.id, kind: 'SPENDING_ALERT' } });
    const { currentPeriodStart } = await periodOf(world.tenant.id);

    await send(world, messages.code, ['499']);
    expect(await alerts()).toHaveLength(0);

    // 4.99 + 0.01 = 5.00: the alert amount is reached.
    await send(world, messages.code, ['1']);
    const [alert] = await alerts();
    expect(alert).toMatchObject({
      title: 'Spending reached your alert of 5.00 USD',
      dedupeKey: `spending:${currentPeriodStart.toISOString()}:500`,
    });
    expect(alert.body).toContain('Usage charges this period come to 5.00 USD');
    const mails = await ownerClient().outboxEmail.findMany({
      where: { tenantId: world.tenant.id, subject: alert.title },
    });
    expect(mails.map((mail) => mail.toEmail).sort()).toEqual([world.owner.user.email, world.admin.user.email].sort());
    expect(
      (await ownerClient().tenantBillingTerms.findUniqueOrThrow({ where: { tenantId: world.tenant.id } }))
        .spendingAlertNotifiedFor,
    ).toEqual(currentPeriodStart);

    await send(world, messages.code, ['300', '300']);
    expect(await alerts()).toHaveLength(1);

    // A new alert amount arms it again.
    await setTerms(world.tenant.id, { spendingAlertMinor: 1500n });
    // 11.00 so far: + 3.00 = 14.00 stays below 15.00; + 1.00 reaches it.
    await send(world, messages.code, ['300']);
    expect(await alerts()).toHaveLength(1);
    await send(world, messages.code, ['100']);
    expect((await alerts()).map((a) => a.title).sort()).toEqual([
      'Spending reached your alert of 15.00 USD',
      'Spending reached your alert of 5.00 USD',
    ]);
  });

  it('applies no cap set in another currency than the plan’s', async () => {
    const world = await meteringTenant();
    const messages = await newMetric('SUM');
    await charge(world.planVersionId, messages.id, {});
    await ownerClient().tenantBillingTerms.create({
      data: { tenantId: world.tenant.id, currency: 'EUR', spendingCapMinor: 1n },
    });

    expect((await send(world, messages.code, ['500'])).map((r) => r.status)).toEqual(['accepted']);
  });
});
