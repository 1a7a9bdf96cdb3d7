import { subscribedEndpoint, webhookEventsOf } from '@warbler/api/webhooks/testing';
import {
  closeOwnerClient,
  meteringTenant,
  newMetric,
  newQuota,
  ownerClient,
  postUsage,
  startTestApp,
  usageEvent,
  type TestApp,
} from '../../testing';
import { MeteringModule } from '../metering.module';

/** quota.threshold_reached and quota.exceeded for the tenant's webhooks (docs/webhooks.md). */
describe('quota webhooks', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp([MeteringModule]);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const events = (metric: string, quantities: number[]) => ({
    events: quantities.map((quantity) => usageEvent({ metric, quantity })),
  });

  it('raises 80% and 100% once per period each, with the quota’s figures', async () => {
    const world = await meteringTenant();
    await subscribedEndpoint(world.tenant.id, ['quota.threshold_reached', 'quota.exceeded']);
    const metric = await newMetric('SUM');
    await newQuota(world.planVersionId, metric.id, '10', 'SOFT');
    const { currentPeriodStart, currentPeriodEnd } = await ownerClient().subscription.findFirstOrThrow({
      where: { tenantId: world.tenant.id },
    });

    await postUsage(app, world.key, events(metric.code, [7]));
    expect(await webhookEventsOf(world.tenant.id)).toEqual([]);
    await postUsage(app, world.key, events(metric.code, [1]));
    await postUsage(app, world.key, events(metric.code, [1]));
    await postUsage(app, world.key, events(metric.code, [2]));
    await postUsage(app, world.key, events(metric.code, [5]));

    const figures = {
      metric: metric.code,
      metric_name: metric.name,
      unit: 'units',
      limit: '10',
      enforcement: 'SOFT',
      period_start: currentPeriodStart.toISOString(),
      resets_at: currentPeriodEnd.toISOString(),
    };
    expect(await webhookEventsOf(world.tenant.id)).toEqual([
      { type: 'quota.threshold_reached', data: { ...figures, used: '8', threshold_percent: 80 }, deliveries: 1 },
      { type: 'quota.exceeded', data: { ...figures, used: '11', threshold_percent: 100 }, deliveries: 1 },
    ]);
  });

  it('raises nothing for a tenant whose endpoints want no quota events', async () => {
    const world = await meteringTenant();
    await subscribedEndpoint(world.tenant.id, ['invoice.paid']);
    const metric = await newMetric('COUNT');
    await newQuota(world.planVersionId, metric.id, '1', 'HARD');
    await postUsage(app, world.key, events(metric.code, [1]));
    expect(await webhookEventsOf(world.tenant.id)).toEqual([]);
    // The notification still goes to the admins as before.
    expect(await ownerClient().notification.count({ where: { tenantId: world.tenant.id } })).toBe(1);
  });
});
