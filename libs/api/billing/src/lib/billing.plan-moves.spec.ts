import {
  type Caller,
  changesOf,
  closeOwnerClient,
  dataOf,
  graphql,
  newMember,
  newMeteredMetric,
  newTenant,
  offeredPlan,
  outcome,
  ownerClient,
  periodAround,
  signedInStaffAs,
  startTestApp,
  subscriptionOn,
  SubscriptionOps as Ops,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';

interface MovePreviewPage {
  edges: {
    cursor: string;
    node: {
      tenantId: string;
      tenantName: string;
      currency: string;
      targetCurrency: string;
      seatQuantity: number;
      seatsInUse: number;
      lastPeriodStart: string | null;
      lastPeriodEnd: string | null;
      currentAmountMinor: string | null;
      targetAmountMinor: string | null;
      differenceMinor: string | null;
    };
  }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface MoveResult {
  movedCount: number;
  skipped: { tenantId: string; tenantName: string | null; reason: string; message: string }[];
}

const june2018 = { start: new Date('2018-06-01T00:00:00Z'), end: new Date('2018-07-01T00:00:00Z') };

/** The platform admin moving tenants between plan versions in bulk. */
describe('bulk moves between plan versions', () => {
  let app: TestApp;
  let admin: Caller;
  let adminUserId: string;
  let messages: string;

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    const staff = await signedInStaffAs('PLATFORM_ADMIN');
    admin = staff.caller;
    adminUserId = staff.user.id;
    messages = (await newMeteredMetric('Messages')).id;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  /** Team v1 (49.00, 8.00 per seat above 5, messages 0.01) and a v2 at 59.00, 9.00 and 0.008. */
  async function versions(target: { currency?: string; maxSeats?: number } = {}) {
    const from = await offeredPlan({
      name: 'Team',
      baseFeeMinor: 4900n,
      seatUnitPrice: '8',
      includedSeats: 5,
      maxSeats: 10,
      charges: [{ metricId: messages, model: 'PER_UNIT', unitPrice: '0.01' }],
    });
    const to = await offeredPlan({
      name: 'Team 2',
      currency: target.currency,
      baseFeeMinor: 5900n,
      seatUnitPrice: '9',
      includedSeats: 5,
      maxSeats: target.maxSeats ?? 10,
      charges: [{ metricId: messages, model: 'PER_UNIT', unitPrice: '0.008' }],
    });
    return { from: from.planVersionId, to: to.planVersionId };
  }

  /** A tenant on `planVersionId` paying for 8 seats with `held` of them assigned. */
  async function tenantOn(planVersionId: string, held = 2, name?: string) {
    const tenant = await newTenant({ name });
    for (let n = 0; n < held; n++) await newMember(tenant.id, 'MEMBER', { seatAssigned: true });
    await subscriptionOn(tenant.id, planVersionId, periodAround(new Date(), 10, 20), { seatQuantity: 8 });
    return tenant.id;
  }

  /** June 2018 closed for the tenant: an invoice for it, and 10,000 messages counted in it. */
  async function closedJune(tenantId: string, planVersionId: string) {
    const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } });
    await ownerClient().invoice.create({
      data: {
        tenantId,
        subscriptionId: subscription.id,
        planVersionId,
        periodStart: june2018.start,
        periodEnd: june2018.end,
        currency: 'USD',
        subtotalMinor: 0n,
        taxMinor: 0n,
        totalMinor: 0n,
      },
    });
    await ownerClient().usagePeriodTotal.create({
      data: {
        tenantId,
        metricId: messages,
        periodStart: june2018.start,
        periodEnd: june2018.end,
        value: '10000',
        eventCount: 10000n,
      },
    });
  }

  const move = async (variables: Record<string, unknown>) =>
    dataOf(
      await graphql<{ movePlanVersionSubscriptions: MoveResult }>(
        app,
        admin,
        Ops.movePlanVersionSubscriptions,
        variables,
      ),
    ).movePlanVersionSubscriptions;

  describe('preview', () => {
    it('prices each tenant’s last closed period on both versions, page by page', async () => {
      const { from, to } = await versions();
      // Pages are in tenant id order.
      const tenants = [
        { id: await tenantOn(from, 2), held: 2 },
        { id: await tenantOn(from, 3), held: 3 },
      ].sort((a, b) => a.id.localeCompare(b.id));
      await closedJune(tenants[0].id, from);

      const first = dataOf(
        await graphql<{ previewPlanVersionMove: MovePreviewPage }>(app, admin, Ops.previewPlanVersionMove, {
          from,
          to,
          first: 1,
        }),
      ).previewPlanVersionMove;

      // Team v1: 49.00 + (8 − 5) × 8.00 + 10,000 × 0.01 = 49.00 + 24.00 + 100.00 = 173.00
      // Team 2:  59.00 + (8 − 5) × 9.00 + 10,000 × 0.008 = 59.00 + 27.00 + 80.00 = 166.00
      expect(first.edges.map((edge) => edge.node)).toEqual([
        {
          tenantId: tenants[0].id,
          tenantName: expect.any(String),
          currency: 'USD',
          targetCurrency: 'USD',
          seatQuantity: 8,
          seatsInUse: tenants[0].held,
          lastPeriodStart: june2018.start.toISOString(),
          lastPeriodEnd: june2018.end.toISOString(),
          currentAmountMinor: '17300',
          targetAmountMinor: '16600',
          differenceMinor: '-700',
        },
      ]);
      expect(first.pageInfo.hasNextPage).toBe(true);

      const second = dataOf(
        await graphql<{ previewPlanVersionMove: MovePreviewPage }>(app, admin, Ops.previewPlanVersionMove, {
          from,
          to,
          first: 1,
          after: first.pageInfo.endCursor,
        }),
      ).previewPlanVersionMove;
      expect(second.edges.map((edge) => edge.node)).toEqual([
        expect.objectContaining({
          tenantId: tenants[1].id,
          seatsInUse: tenants[1].held,
          lastPeriodStart: null,
          currentAmountMinor: null,
          targetAmountMinor: null,
          differenceMinor: null,
        }),
      ]);
      expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[0].cursor });
    });

    it('leaves the difference out across currencies', async () => {
      const { from, to } = await versions({ currency: 'EUR' });
      const tenantId = await tenantOn(from);
      await closedJune(tenantId, from);
      const page = dataOf(
        await graphql<{ previewPlanVersionMove: MovePreviewPage }>(app, admin, Ops.previewPlanVersionMove, {
          from,
          to,
        }),
      ).previewPlanVersionMove;
      expect(page.edges[0].node).toMatchObject({ currency: 'USD', targetCurrency: 'EUR', differenceMinor: null });
    });

    it.each([
      [
        'the same version twice',
        (v: { from: string; to: string }) => ({ from: v.from, to: v.from }),
        'BAD_USER_INPUT:SAME_PLAN_VERSION',
      ],
      [
        'an unknown version',
        (v: { from: string; to: string }) => ({ from: v.from, to: '0190f000-0000-7000-8000-000000000000' }),
        'NOT_FOUND',
      ],
      [
        'a cursor that is not one',
        (v: { from: string; to: string }) => ({ ...v, after: 'bm90LWEtdXVpZA' }),
        'BAD_USER_INPUT:INVALID_CURSOR',
      ],
    ])('refuses %s', async (_case, variables, expected) => {
      const pair = await versions();
      expect(outcome(await graphql(app, admin, Ops.previewPlanVersionMove, variables(pair)))).toBe(expected);
    });
  });

  it('moves now, prorated, skipping tenants with more seats in use than the target allows; again moves no one', async () => {
    const { from, to } = await versions({ maxSeats: 6 });
    const fits = await tenantOn(from, 2, 'Fits');
    const crowded = await tenantOn(from, 7, 'Crowded');
    const elsewhere = await tenantOn(to, 2, 'Elsewhere');

    const result = await move({ from, to, timing: 'NOW', tenantIds: [fits, crowded, elsewhere] });

    expect(result.movedCount).toBe(1);
    expect(result.skipped.map(({ tenantId, tenantName, reason }) => [tenantId, tenantName, reason])).toEqual([
      [crowded, 'Crowded', 'SEATS_IN_USE_ABOVE_MAXIMUM'],
      [elsewhere, 'Elsewhere', 'NOT_ON_FROM_VERSION'],
    ]);
    const [moved] = await changesOf(fits);
    // 8 seats paid for are capped at the target's maximum of 6.
    expect(moved).toMatchObject({
      kind: 'PLAN_CHANGED',
      fromPlanVersionId: from,
      toPlanVersionId: to,
      fromSeatQuantity: 8,
      toSeatQuantity: 6,
      requestedByUserId: adminUserId,
      idempotencyKey: null,
    });
    expect(await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: fits } })).toMatchObject({
      planVersionId: to,
      seatQuantity: 6,
    });
    const [event] = await ownerClient().auditEvent.findMany({ where: { tenantId: fits } });
    expect(event).toMatchObject({ action: 'subscription.moved', actorUserId: adminUserId, targetType: 'Subscription' });
    expect(await ownerClient().auditEvent.count({ where: { tenantId: crowded } })).toBe(0);
    expect(await changesOf(crowded)).toEqual([]);

    const again = await move({ from, to, timing: 'NOW', tenantIds: [fits, crowded] });
    expect(again.movedCount).toBe(0);
    expect(again.skipped.map((skip) => skip.reason)).toEqual(['NOT_ON_FROM_VERSION', 'SEATS_IN_USE_ABOVE_MAXIMUM']);
    expect(await changesOf(fits)).toHaveLength(1);
  });

  it('moves every tenant on the version at period end, across currencies, once', async () => {
    const { from, to } = await versions({ currency: 'EUR' });
    const tenants = [await tenantOn(from), await tenantOn(from)];
    const cancelling = await tenantOn(from);
    await ownerClient().subscription.update({
      where: { tenantId: cancelling },
      data: { scheduledPlanVersionId: from, cancelAtPeriodEnd: true, cancelRequestedAt: new Date() },
    });

    expect(outcome(await graphql(app, admin, Ops.movePlanVersionSubscriptions, { from, to, timing: 'NOW' }))).toBe(
      'OK',
    );
    for (const tenantId of tenants) expect(await changesOf(tenantId)).toEqual([]);

    const result = await move({ from, to, timing: 'PERIOD_END' });

    expect(result.movedCount).toBe(2);
    expect(result.skipped).toEqual([expect.objectContaining({ tenantId: cancelling, reason: 'CHANGE_SCHEDULED' })]);
    for (const tenantId of tenants) {
      expect(await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } })).toMatchObject({
        planVersionId: from,
        scheduledPlanVersionId: to,
        cancelAtPeriodEnd: false,
      });
    }
    const again = await move({ from, to, timing: 'PERIOD_END' });
    expect(again.movedCount).toBe(0);
    expect(again.skipped.map((skip) => skip.reason).sort()).toEqual([
      'ALREADY_SCHEDULED',
      'ALREADY_SCHEDULED',
      'CHANGE_SCHEDULED',
    ]);
  });

  it('skips every tenant now when the target bills another currency', async () => {
    const { from, to } = await versions({ currency: 'EUR' });
    const tenantId = await tenantOn(from);
    const result = await move({ from, to, timing: 'NOW', tenantIds: [tenantId] });
    expect(result).toEqual({
      movedCount: 0,
      skipped: [expect.objectContaining({ tenantId, reason: 'CURRENCY_MISMATCH' })],
    });
  });
});
