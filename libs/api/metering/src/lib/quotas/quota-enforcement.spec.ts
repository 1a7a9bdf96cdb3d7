import { randomUUID } from 'node:crypto';
import {
  closeOwnerClient,
  getQuotas,
  meteringTenant,
  newApiKey,
  newMember,
  newMetric,
  newQuota,
  ownerClient,
  postUsage,
  startTestApp,
  usageEvent,
  type MeteringTenant,
  type TestApp,
} from '../../testing';
import { MeteringModule } from '../metering.module';

describe('quotas: enforcement, alerts and the quotas endpoint', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp([MeteringModule]);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const events = (metric: string, quantities: (string | number)[], extra: Record<string, unknown> = {}) => ({
    events: quantities.map((quantity) => usageEvent({ metric, quantity, ...extra })),
  });

  describe('HARD', () => {
    let world: MeteringTenant;
    beforeAll(async () => {
      world = await meteringTenant();
    });

    it('accepts exactly up to the limit and refuses the next event with the quota details', async () => {
      const metric = await newMetric('COUNT');
      await newQuota(world.planVersionId, metric.id, '10', 'HARD');
      const subscription = await ownerClient().subscription.findFirstOrThrow({ where: { tenantId: world.tenant.id } });
      const response = await postUsage(app, world.key, events(metric.code, Array(11).fill(1)));
      expect(response.body).toMatchObject({ accepted: 10, rejected: 1 });
      expect(response.body.results[10]).toEqual({
        idempotency_key: expect.any(String),
        status: 'rejected',
        reason: 'QUOTA_EXCEEDED',
        message: expect.any(String),
        quota: { metric: metric.code, limit: '10', used: '10', resets_at: subscription.currentPeriodEnd.toISOString() },
      });
      expect((await postUsage(app, world.key, events(metric.code, [1]))).body).toMatchObject({ rejected: 1 });
      const standing = await getQuotas(app, world.key, metric.code);
      expect(standing.body).toEqual({
        metric: metric.code,
        limit: '10',
        used: '10',
        remaining: '0',
        enforcement: 'HARD',
        resets_at: subscription.currentPeriodEnd.toISOString(),
        period_start: subscription.currentPeriodStart.toISOString(),
      });
      // A refused event's key is free: retried after the limit rises, it counts.
      const refusedKey = response.body.results[10].idempotency_key as string;
      await ownerClient().planQuota.updateMany({ where: { metricId: metric.id }, data: { periodLimit: '11' } });
      const retried = await postUsage(app, world.key, {
        events: [usageEvent({ metric: metric.code, idempotency_key: refusedKey })],
      });
      expect(retried.body).toMatchObject({ accepted: 1 });
    });

    it('lets a smaller SUM event through after a larger one was refused, never past the limit', async () => {
      const metric = await newMetric('SUM');
      await newQuota(world.planVersionId, metric.id, '10.5', 'HARD');
      const response = await postUsage(app, world.key, events(metric.code, ['6', '5', '4.5', '0.1']));
      expect(response.body.results.map((r: { status: string }) => r.status)).toEqual([
        'accepted',
        'rejected',
        'accepted',
        'rejected',
      ]);
      expect(response.body.results[3].quota).toMatchObject({ used: '10.5', limit: '10.5' });
    });

    it('counts only new distinct values for UNIQUE_COUNT and compares the level for MAX', async () => {
      const visitors = await newMetric('UNIQUE_COUNT', 'visitor');
      await newQuota(world.planVersionId, visitors.id, '2', 'HARD');
      const unique = await postUsage(app, world.key, {
        events: ['a', 'a', 'b', 'c', 'b'].map((visitor) =>
          usageEvent({ metric: visitors.code, properties: { visitor } }),
        ),
      });
      expect(unique.body.results.map((r: { status: string }) => r.status)).toEqual([
        'accepted',
        'accepted',
        'accepted',
        'rejected',
        'accepted',
      ]);
      const peak = await newMetric('MAX');
      await newQuota(world.planVersionId, peak.id, '10', 'HARD');
      const levels = await postUsage(app, world.key, events(peak.code, ['5', '11', '10', '-3']));
      expect(levels.body.results.map((r: { status: string }) => r.status)).toEqual([
        'accepted',
        'rejected',
        'accepted',
        'accepted',
      ]);
      expect((await getQuotas(app, world.key, peak.code)).body).toMatchObject({ used: '10', remaining: '0' });
    });

    it('never overshoots when concurrent batches race for the last units', async () => {
      const metric = await newMetric('COUNT');
      await newQuota(world.planVersionId, metric.id, '25', 'HARD');
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => postUsage(app, world.key, events(metric.code, Array(10).fill(1)))),
      );
      expect(answers.reduce((sum, answer) => sum + answer.body.accepted, 0)).toBe(25);
      expect(await ownerClient().usageEvent.count({ where: { tenantId: world.tenant.id, metricId: metric.id } })).toBe(
        25,
      );
      const total = await ownerClient().usagePeriodTotal.findFirstOrThrow({
        where: { tenantId: world.tenant.id, metricId: metric.id },
      });
      expect(total.value.toString()).toBe('25');
    });
  });

  it('SOFT: accepts past the limit, flags the events beyond it and adds up the overage', async () => {
    const world = await meteringTenant();
    const metric = await newMetric('SUM');
    await newQuota(world.planVersionId, metric.id, '5', 'SOFT');
    const first = await postUsage(app, world.key, events(metric.code, ['3']));
    const second = await postUsage(app, world.key, events(metric.code, ['1.5', '2']));
    expect([first.body.accepted, second.body.accepted]).toEqual([1, 2]);
    const stored = await ownerClient().usageEvent.findMany({
      where: { tenantId: world.tenant.id, metricId: metric.id },
      orderBy: { quantity: 'asc' },
    });
    expect(stored.map((event) => [event.quantity.toString(), event.overQuota])).toEqual([
      ['1.5', false],
      ['2', true],
      ['3', false],
    ]);
    const total = await ownerClient().usagePeriodTotal.findFirstOrThrow({
      where: { tenantId: world.tenant.id, metricId: metric.id },
    });
    expect([total.value.toString(), total.overageQuantity.toString()]).toEqual(['6.5', '1.5']);
    expect((await getQuotas(app, world.key, metric.code)).body).toMatchObject({
      enforcement: 'SOFT',
      used: '6.5',
      remaining: '0',
    });
  });

  describe('threshold alerts', () => {
    const alertsOf = async (tenantId: string) => ({
      notifications: await ownerClient().notification.findMany({ where: { tenantId }, orderBy: { dedupeKey: 'asc' } }),
      emails: await ownerClient().outboxEmail.findMany({ where: { tenantId } }),
    });

    it('notify the owners and admins once at 80% and once at 100% of a period', async () => {
      const world = await meteringTenant();
      await newMember(world.tenant.id, 'MEMBER');
      const removedAdmin = await newMember(world.tenant.id, 'ADMIN');
      await ownerClient().membership.update({
        where: { tenantId_id: { tenantId: world.tenant.id, id: removedAdmin.membership.id } },
        data: { status: 'REMOVED' },
      });
      const metric = await newMetric('COUNT');
      await newQuota(world.planVersionId, metric.id, '10', 'HARD');
      await postUsage(app, world.key, events(metric.code, Array(7).fill(1)));
      expect((await alertsOf(world.tenant.id)).notifications).toHaveLength(0);
      await postUsage(app, world.key, events(metric.code, [1]));
      await postUsage(app, world.key, events(metric.code, [1]));
      const subscription = await ownerClient().subscription.findFirstOrThrow({ where: { tenantId: world.tenant.id } });
      let alerts = await alertsOf(world.tenant.id);
      expect(alerts.notifications.map((n) => n.dedupeKey)).toEqual([
        `quota:${metric.code}:${subscription.currentPeriodStart.toISOString()}:80`,
      ]);
      expect(alerts.emails.map((e) => e.toEmail).sort()).toEqual(
        [world.admin.user.email, world.owner.user.email].sort(),
      );
      await postUsage(app, world.key, events(metric.code, [1, 1, 1]));
      alerts = await alertsOf(world.tenant.id);
      expect(alerts.notifications.map((n) => n.dedupeKey.split(':').pop())).toEqual(['100', '80']);
      expect(alerts.emails).toHaveLength(4);
      expect(alerts.notifications[0]).toMatchObject({
        title: `${metric.name} reached 100% of its quota`,
        body: expect.stringMatching(
          /^10 of 10 \S+ used this period\. Further usage is refused until the quota resets\. The quota resets on \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC\.$/,
        ),
      });
    });

    it('says only the higher threshold when one batch crosses both', async () => {
      const world = await meteringTenant();
      const metric = await newMetric('SUM');
      await newQuota(world.planVersionId, metric.id, '10000', 'SOFT');
      await postUsage(app, world.key, events(metric.code, ['12500']));
      const alerts = await alertsOf(world.tenant.id);
      expect(alerts.notifications.map((n) => n.dedupeKey.split(':').pop())).toEqual(['100']);
      expect(alerts.notifications[0].body).toMatch(/^12,500 of 10,000 .* Usage past the limit is billed as overage\./);
    });

    it('stay once per period when concurrent batches cross a threshold together', async () => {
      const world = await meteringTenant();
      const metric = await newMetric('SUM');
      await newQuota(world.planVersionId, metric.id, '100', 'SOFT');
      await Promise.all(Array.from({ length: 8 }, () => postUsage(app, world.key, events(metric.code, ['5', '10']))));
      const alerts = await alertsOf(world.tenant.id);
      expect(alerts.notifications.map((n) => n.dedupeKey.split(':').pop())).toEqual(['100', '80']);
      expect(alerts.emails).toHaveLength(4);
    });
  });

  describe('GET /v1/quotas', () => {
    it("lists the plan's quotas and the metrics used without one, for the key's tenant only", async () => {
      const a = await meteringTenant();
      const b = await meteringTenant();
      const limited = await newMetric('COUNT');
      const unlimited = await newMetric('SUM');
      const unused = await newMetric('SUM');
      await newQuota(a.planVersionId, limited.id, '100', 'SOFT');
      await newQuota(b.planVersionId, unused.id, '3', 'HARD');
      await postUsage(app, a.key, events(unlimited.code, ['2.25']));
      const listed = await getQuotas(app, a.key);
      expect(listed.status).toBe(200);
      expect(listed.body.quotas).toEqual(
        [
          { metric: limited.code, limit: '100', used: '0', remaining: '100', enforcement: 'SOFT' },
          { metric: unlimited.code, limit: null, used: '2.25', remaining: null, enforcement: null },
        ]
          .sort((x, y) => x.metric.localeCompare(y.metric))
          .map((standing) => ({ ...standing, resets_at: expect.any(String), period_start: expect.any(String) })),
      );
      expect((await getQuotas(app, b.key)).body.quotas.map((q: { metric: string }) => q.metric)).toEqual([unused.code]);
      expect((await getQuotas(app, b.key, unlimited.code)).body).toMatchObject({ used: '0', limit: null });
      expect(await ownerClient().usageEvent.count({ where: { tenantId: b.tenant.id } })).toBe(0);
      expect(await ownerClient().usageEvent.count({ where: { tenantId: a.tenant.id } })).toBe(1);
    });

    it('answers NOT_FOUND for an unknown metric and 403 to a key without quota:read', async () => {
      const world = await meteringTenant();
      const unknown = await getQuotas(app, world.key, `nope_${randomUUID().slice(0, 6)}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'NOT_FOUND' });
      const writer = await newApiKey(world.tenant.id, world.owner.user.id, { scopes: ['usage:write'] });
      const refused = await getQuotas(app, writer.key);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN', reason: 'API_KEY_SCOPE' });
    });
  });
});
