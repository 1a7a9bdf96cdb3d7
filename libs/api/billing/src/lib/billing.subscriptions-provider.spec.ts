import { randomUUID } from 'node:crypto';
import { SubscriptionPeriods } from '@warbler/api/catalog';
import {
  changesOf,
  closeOwnerClient,
  dataOf,
  graphql,
  newTenant,
  offeredPlan,
  ownerClient,
  periodAround,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  subscriptionOn,
  SubscriptionOps as Ops,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';

/** With Stripe on, every change that takes effect is queued for the provider in its own transaction. */
describe('subscription changes reach the payment provider', () => {
  let app: TestApp;
  let team: string;
  let business: string;

  beforeAll(async () => {
    app = await startTestApp([BillingModule], {
      config: { billingProvider: 'stripe', stripeSecretKey: 'sk_test_subscriptions' },
    });
    const terms = { seatUnitPrice: '8', includedSeats: 5, maxSeats: 10 };
    team = (await offeredPlan({ name: 'Team', baseFeeMinor: 4900n, ...terms })).planVersionId;
    business = (await offeredPlan({ name: 'Business', baseFeeMinor: 49900n, ...terms })).planVersionId;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const queued = (tenantId: string) =>
    ownerClient().providerOutboxEntry.findMany({
      where: { tenantId, kind: 'subscription.changed' },
      orderBy: { createdAt: 'asc' },
    });

  it('queues a change made now, a bulk move made now, and a scheduled change when the period rolls', async () => {
    const tenant = await newTenant();
    const admin = (await signedInTenantMember(tenant.id, 'ADMIN')).caller;
    await subscriptionOn(tenant.id, team, periodAround(new Date(), 10, 20), { seatQuantity: 8 });

    dataOf(
      await graphql(app, admin, Ops.changeSubscription, {
        input: { seatQuantity: 9, timing: 'NOW' },
        idempotencyKey: randomUUID(),
      }),
    );
    const platformAdmin = (await signedInStaffAs('PLATFORM_ADMIN')).caller;
    dataOf(
      await graphql(app, platformAdmin, Ops.movePlanVersionSubscriptions, {
        from: team,
        to: business,
        timing: 'NOW',
        tenantIds: [tenant.id],
      }),
    );
    dataOf(
      await graphql(app, admin, Ops.changeSubscription, {
        input: { planVersionId: team, timing: 'PERIOD_END' },
        idempotencyKey: randomUUID(),
      }),
    );
    // Scheduling is not a change of terms yet: nothing more is queued until the period rolls.
    expect(await queued(tenant.id)).toHaveLength(2);

    const january = { start: new Date('2019-01-01T00:00:00Z'), end: new Date('2019-02-01T00:00:00Z') };
    await ownerClient().subscription.update({
      where: { tenantId: tenant.id },
      data: { currentPeriodStart: january.start, currentPeriodEnd: january.end, billingAnchorAt: january.start },
    });
    await app.app.get(SubscriptionPeriods).rollOverdue(new Date('2019-02-01T00:00:00Z'));

    // The period was moved back to 2019 to be closed: order by when each change was recorded.
    const changes = (await changesOf(tenant.id)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(changes.map((change) => change.kind)).toEqual(['SEATS_CHANGED', 'PLAN_CHANGED', 'SCHEDULED_APPLIED']);
    expect((await queued(tenant.id)).map((entry) => entry.payload)).toEqual(
      changes.map((change) => ({ kind: 'subscription.changed', subscriptionChangeId: change.id })),
    );
  });
});
