import { randomUUID } from 'node:crypto';
import {
  type Caller,
  changesOf,
  closeOwnerClient,
  dataOf,
  graphql,
  newTenant,
  offeredPlan,
  outcome,
  ownerClient,
  periodAround,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  subscriptionOn,
  SubscriptionOps as Ops,
  type SubscriptionView,
  type TestApp,
  type UpcomingInvoiceView,
} from '../testing';
import { BillingModule } from './billing.module';

/** Tenant A's people against tenant B's subscription, and the platform admin's moves across both. */
describe('subscription isolation: a tenant sees and changes only its own subscription', () => {
  let app: TestApp;
  let team: string;
  let business: string;
  let a: { tenantId: string; admin: Caller };
  let b: { tenantId: string; admin: Caller };

  const stateOf = async (tenantId: string) => ({
    subscription: await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } }),
    changes: await changesOf(tenantId),
    events: await ownerClient().auditEvent.count({ where: { tenantId } }),
  });

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    const terms = { seatUnitPrice: '8', includedSeats: 5, maxSeats: 10 };
    team = (await offeredPlan({ name: 'Team', baseFeeMinor: 4900n, ...terms })).planVersionId;
    business = (await offeredPlan({ name: 'Business', baseFeeMinor: 49900n, ...terms })).planVersionId;
    const tenants = [await newTenant(), await newTenant()];
    for (const tenant of tenants) {
      await subscriptionOn(tenant.id, team, periodAround(new Date(), 10, 20), { seatQuantity: 8 });
    }
    a = { tenantId: tenants[0].id, admin: (await signedInTenantMember(tenants[0].id, 'ADMIN')).caller };
    b = { tenantId: tenants[1].id, admin: (await signedInTenantMember(tenants[1].id, 'ADMIN')).caller };
    // B has changed its seats: A must never see that change, on its subscription or its invoice.
    dataOf(
      await graphql(app, b.admin, Ops.changeSubscription, {
        input: { seatQuantity: 10, timing: 'NOW' },
        idempotencyKey: 'shared-key',
      }),
    );
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('shows A its own subscription and upcoming invoice, without B’s change', async () => {
    const subscription = dataOf(
      await graphql<{ currentSubscription: SubscriptionView }>(app, a.admin, Ops.currentSubscription),
    ).currentSubscription;
    const estimate = dataOf(
      await graphql<{ upcomingInvoice: UpcomingInvoiceView }>(app, a.admin, Ops.upcomingInvoice),
    ).upcomingInvoice;
    const own = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: a.tenantId } });
    expect(subscription).toMatchObject({ id: own.id, seatQuantity: 8 });
    expect(estimate.lines.map((line) => line.kind)).toEqual(['BASE_FEE', 'SEATS']);
  });

  it('keeps idempotency keys per tenant: A may use the key B used', async () => {
    const answer = await graphql(app, a.admin, Ops.changeSubscription, {
      input: { seatQuantity: 9, timing: 'NOW' },
      idempotencyKey: 'shared-key',
    });
    expect(outcome(answer)).toBe('OK');
    expect((await changesOf(a.tenantId)).map((row) => row.toSeatQuantity)).toEqual([9]);
    expect((await changesOf(b.tenantId)).map((row) => row.toSeatQuantity)).toEqual([10]);
  });

  it('row-level security hides B’s subscription and its changes from A’s transactions', async () => {
    const seen = await app.db.forTenant({ tenantId: a.tenantId }).transaction(async (tx) => ({
      subscriptions: await tx.subscription.findMany({ select: { tenantId: true } }),
      changes: await tx.subscriptionChange.findMany({ select: { tenantId: true } }),
    }));
    expect(new Set([...seen.subscriptions, ...seen.changes].map((row) => row.tenantId))).toEqual(new Set([a.tenantId]));
  });

  it.each([
    ['currentSubscription', Ops.currentSubscription, () => ({})],
    ['upcomingInvoice', Ops.upcomingInvoice, () => ({})],
    ['previewSubscriptionChange', Ops.previewSubscriptionChange, () => ({ input: { seatQuantity: 9, timing: 'NOW' } })],
    [
      'changeSubscription',
      Ops.changeSubscription,
      () => ({ input: { seatQuantity: 9, timing: 'NOW' }, idempotencyKey: randomUUID() }),
    ],
    ['cancelSubscription', Ops.cancelSubscription, () => ({ atPeriodEnd: false, idempotencyKey: randomUUID() })],
    ['resumeSubscription', Ops.resumeSubscription, () => ({})],
  ])('refuses %s on B to A’s admin before anything runs', async (_operation, query, variables) => {
    const before = await stateOf(b.tenantId);
    const answer = await graphql(app, { ...a.admin, tenantId: b.tenantId }, query, variables());
    expect(outcome(answer)).toBe('FORBIDDEN:NOT_A_MEMBER');
    expect(answer.data ?? null).toBeNull();
    expect(await stateOf(b.tenantId)).toEqual(before);
  });

  it('refuses bulk moves and their preview to a tenant admin, for B as for A', async () => {
    const before = await stateOf(b.tenantId);
    const moved = await graphql(app, a.admin, Ops.movePlanVersionSubscriptions, {
      from: team,
      to: business,
      timing: 'NOW',
      tenantIds: [b.tenantId],
    });
    const previewed = await graphql(app, a.admin, Ops.previewPlanVersionMove, { from: team, to: business });
    expect([outcome(moved), outcome(previewed)]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(await stateOf(b.tenantId)).toEqual(before);
  });

  it('moves only the tenants named, auditing in each one’s own log', async () => {
    const platformAdmin = (await signedInStaffAs('PLATFORM_ADMIN')).caller;
    const before = await stateOf(b.tenantId);
    const eventsOfA = await ownerClient().auditEvent.count({ where: { tenantId: a.tenantId } });

    const answer = dataOf(
      await graphql<{ movePlanVersionSubscriptions: { movedCount: number } }>(
        app,
        platformAdmin,
        Ops.movePlanVersionSubscriptions,
        { from: team, to: business, timing: 'PERIOD_END', tenantIds: [a.tenantId] },
      ),
    );

    expect(answer.movePlanVersionSubscriptions.movedCount).toBe(1);
    expect(await stateOf(b.tenantId)).toEqual(before);
    expect(await ownerClient().auditEvent.count({ where: { tenantId: a.tenantId } })).toBe(eventsOfA + 1);
    expect(
      (await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: a.tenantId } })).scheduledPlanVersionId,
    ).toBe(business);
  });
});
