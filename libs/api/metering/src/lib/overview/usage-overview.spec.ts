import type { TenantRole } from '@warbler/api/core';
import {
  bearerFor,
  closeOwnerClient,
  graphql,
  meteringTenant,
  newCharge,
  newMember,
  newMetric,
  newQuota,
  newUser,
  outcome,
  ownerClient,
  postUsage,
  startTestApp,
  usageEvent,
  type MeteringTenant,
  type TestApp,
} from '../../testing';
import { MeteringModule } from '../metering.module';

const OVERVIEW = `
  query {
    usageOverview {
      periodStart
      periodEnd
      metrics {
        metricCode metricName unit aggregation used projectedAtPeriodEnd
        quota { limit enforcement used remaining percentUsed status resetsAt }
        daily { date value cumulative }
      }
    }
  }`;

interface MetricUsage {
  metricCode: string;
  aggregation: string;
  used: string;
  projectedAtPeriodEnd: string | null;
  quota: { limit: string; used: string; remaining: string; percentUsed: number; status: string } | null;
  daily: { date: string; value: string; cumulative: string }[];
}

describe('usageOverview', () => {
  let app: TestApp;
  let world: MeteringTenant;
  let periodStart: Date;

  beforeAll(async () => {
    app = await startTestApp([MeteringModule]);
    world = await meteringTenant();
    // Real periods start on an hour (a month boundary); days are built from hourly rollups.
    periodStart = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 86_400_000);
    await ownerClient().subscription.updateMany({
      where: { tenantId: world.tenant.id },
      data: { currentPeriodStart: periodStart },
    });
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const overviewFor = async (user: { id: string; email: string }, tenantId: string | null) =>
    graphql<{ usageOverview: { periodStart: string; metrics: MetricUsage[] } }>(
      app,
      { token: await bearerFor(user), tenantId },
      OVERVIEW,
    );

  it('shows charged, limited and used metrics with quota states, days and projections', async () => {
    const charged = await newMetric('SUM');
    const warned = await newMetric('COUNT');
    const over = await newMetric('SUM');
    const peak = await newMetric('MAX');
    const archivedUnused = await newMetric('SUM');
    await ownerClient().billableMetric.update({ where: { id: archivedUnused.id }, data: { archivedAt: new Date() } });
    await newCharge(world.planVersionId, charged.id);
    await newCharge(world.planVersionId, archivedUnused.id);
    await newQuota(world.planVersionId, warned.id, '10', 'HARD');
    await newQuota(world.planVersionId, over.id, '1', 'SOFT');
    const dayTwo = new Date(periodStart.getTime() + 86_400_000 + 60_000);
    const dayOne = new Date(periodStart.getTime() + 60_000);
    const at = (date: Date) => ({ timestamp: date.toISOString() });
    await postUsage(app, world.key, {
      events: [
        ...Array.from({ length: 8 }, () => usageEvent({ metric: warned.code, ...at(dayOne) })),
        usageEvent({ metric: over.code, quantity: '1.25', ...at(dayOne) }),
        usageEvent({ metric: over.code, quantity: '0.75', ...at(dayTwo) }),
        usageEvent({ metric: peak.code, quantity: '7', ...at(dayOne) }),
        usageEvent({ metric: peak.code, quantity: '3', ...at(new Date()) }),
      ],
    });

    const answer = await overviewFor(world.owner.user, world.tenant.id);
    expect(outcome(answer)).toBe('OK');
    const metrics = new Map(answer.data?.usageOverview.metrics.map((metric) => [metric.metricCode, metric]));
    expect(answer.data?.usageOverview.periodStart).toBe(periodStart.toISOString());
    expect([...metrics.keys()].sort()).toEqual([charged.code, warned.code, over.code, peak.code].sort());
    expect(metrics.get(charged.code)).toMatchObject({ used: '0', quota: null, projectedAtPeriodEnd: '0' });
    expect(metrics.get(warned.code)?.quota).toMatchObject({
      limit: '10',
      used: '8',
      remaining: '2',
      percentUsed: 80,
      status: 'WARNING',
    });
    expect(metrics.get(over.code)?.quota).toMatchObject({ used: '2', remaining: '0', status: 'OVERAGE' });
    expect(metrics.get(peak.code)).toMatchObject({ used: '7', projectedAtPeriodEnd: null });

    const daily = metrics.get(over.code)?.daily ?? [];
    expect(daily[0]).toEqual({ date: periodStart.toISOString(), value: '1.25', cumulative: '1.25' });
    expect(daily[1]).toEqual({
      date: new Date(periodStart.getTime() + 86_400_000).toISOString(),
      value: '0.75',
      cumulative: '2',
    });
    expect(daily).toHaveLength(3);
    expect(daily.at(-1)).toMatchObject({ value: '0', cumulative: '2' });
    expect(metrics.get(peak.code)?.daily.at(-1)?.cumulative).toBe('7');
    expect(Number(metrics.get(warned.code)?.projectedAtPeriodEnd)).toBeGreaterThan(8);
  });

  const ROLES: TenantRole[] = ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'];
  it.each(ROLES)('is readable by a tenant %s', async (role) => {
    const member = await newMember(world.tenant.id, role);
    expect(outcome(await overviewFor(member.user, world.tenant.id))).toBe('OK');
  });

  it('is refused without a selected tenant, to staff, and in a tenant one does not belong to', async () => {
    expect(outcome(await overviewFor(world.owner.user, null))).toMatch(/^FORBIDDEN/);
    const staff = await newUser({ staffRole: 'PLATFORM_ADMIN' });
    expect(outcome(await overviewFor(staff, world.tenant.id))).toMatch(/^FORBIDDEN/);
    const other = await meteringTenant();
    expect(outcome(await overviewFor(other.owner.user, world.tenant.id))).toMatch(/^FORBIDDEN/);
    const own = await overviewFor(other.owner.user, other.tenant.id);
    expect(own.data?.usageOverview.metrics).toEqual([]);
  });
});
