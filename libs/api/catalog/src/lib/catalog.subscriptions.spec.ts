import { randomUUID } from 'node:crypto';
import {
  type Caller,
  dataOf,
  graphql,
  outcome,
  startTestApp,
  type TestApp,
  signedInStaffAs,
  signedInTenantMember,
} from '@warbler/api/access/testing';
import { PeriodicJobs } from '@warbler/api/core';
import { closeOwnerClient, newTenant, ownerClient } from '@warbler/api/core/testing';
import { CatalogOps as Ops, newMetric, planCode, planTerms } from '../testing';
import { CatalogModule } from './catalog.module';
import { SubscriptionPeriods } from './subscriptions/subscription-periods';
import { SubscriptionProvisioning } from './subscriptions/subscription-provisioning';

const utc = (iso: string) => new Date(`${iso}Z`);

interface SubscriptionAnswer {
  currentSubscription: { id: string; planCode: string; planVersion: { id: string; version: number } };
}

describe('tenant subscriptions', () => {
  let app: TestApp;
  let admin: Caller;

  beforeAll(async () => {
    app = await startTestApp([CatalogModule]);
    admin = (await signedInStaffAs('PLATFORM_ADMIN')).caller;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  async function publishedPlan(terms: Record<string, unknown> = {}) {
    const metric = await newMetric();
    const input = { code: planCode(), name: 'Starter', terms: planTerms(metric.code, terms) };
    const plan = dataOf(
      await graphql<{ createPlan: { id: string; code: string; versions: { id: string }[] } }>(
        app,
        admin,
        Ops.createPlan,
        {
          input,
        },
      ),
    ).createPlan;
    dataOf(await graphql(app, admin, Ops.publishPlanVersion, { versionId: plan.versions[0].id }));
    return { ...plan, versionId: plan.versions[0].id };
  }

  describe('isolation', () => {
    it("shows each tenant its own subscription only, and never another tenant's", async () => {
      const [a, b] = [await newTenant(), await newTenant()];
      const ownerA = await signedInTenantMember(a.id, 'OWNER');
      const memberB = await signedInTenantMember(b.id, 'MEMBER');

      const seenByA = dataOf(await graphql<SubscriptionAnswer>(app, ownerA.caller, Ops.currentSubscription));
      const seenByB = dataOf(await graphql<SubscriptionAnswer>(app, memberB.caller, Ops.currentSubscription));
      expect(seenByA.currentSubscription.planVersion.id).toBe(a.planVersionId);
      expect(seenByB.currentSubscription.planVersion.id).toBe(b.planVersionId);
      expect(seenByA.currentSubscription.id).not.toBe(seenByB.currentSubscription.id);

      const crossing = await graphql(app, { token: ownerA.caller.token, tenantId: b.id }, Ops.currentSubscription);
      expect(outcome(crossing)).toMatch(/^FORBIDDEN/);
      expect(crossing.data).toBeNull();
    });

    it('keeps platform-wide subscriber counts from tenants', async () => {
      const tenant = await newTenant();
      const owner = await signedInTenantMember(tenant.id, 'OWNER');
      const answer = await graphql(app, owner.caller, Ops.currentSubscriptionWithCount);
      expect(outcome(answer)).toBe('FORBIDDEN');
    });
  });

  describe('default plan and provisioning', () => {
    const freePlanId = '019ab000-0000-7000-8000-000000000001';

    afterAll(async () => {
      await graphql(app, admin, Ops.setDefaultPlan, { id: freePlanId });
    });

    it('makes only a published, live plan the default and refuses to archive it', async () => {
      const metric = await newMetric();
      const unpublished = dataOf(
        await graphql<{ createPlan: { id: string } }>(app, admin, Ops.createPlan, {
          input: { code: planCode(), name: 'Draft only', terms: planTerms(metric.code) },
        }),
      ).createPlan;
      expect(outcome(await graphql(app, admin, Ops.setDefaultPlan, { id: unpublished.id }))).toBe(
        'CONFLICT:PLAN_NOT_PUBLISHED',
      );

      const plan = await publishedPlan();
      const answer = dataOf(
        await graphql<{ setDefaultPlan: { isDefault: boolean } }>(app, admin, Ops.setDefaultPlan, { id: plan.id }),
      );
      expect(answer.setDefaultPlan.isDefault).toBe(true);
      expect(await ownerClient().plan.count({ where: { isDefault: true } })).toBe(1);
      expect(outcome(await graphql(app, admin, Ops.archivePlan, { id: plan.id }))).toBe('CONFLICT:PLAN_IS_DEFAULT');

      const other = await publishedPlan();
      dataOf(await graphql(app, admin, Ops.archivePlan, { id: other.id }));
      expect(outcome(await graphql(app, admin, Ops.setDefaultPlan, { id: other.id }))).toBe('CONFLICT:PLAN_ARCHIVED');
      expect(outcome(await graphql(app, admin, Ops.createPlanDraft, { planId: other.id }))).toBe(
        'CONFLICT:PLAN_ARCHIVED',
      );
    });

    it('starts a new tenant on the newest published version of the default plan, with its trial', async () => {
      const plan = await publishedPlan({ trialDays: 14 });
      dataOf(await graphql(app, admin, Ops.setDefaultPlan, { id: plan.id }));
      const draft = dataOf(
        await graphql<{ createPlanDraft: { id: string } }>(app, admin, Ops.createPlanDraft, { planId: plan.id }),
      ).createPlanDraft;
      const v2 = dataOf(
        await graphql<{ publishPlanVersion: { id: string } }>(app, admin, Ops.publishPlanVersion, {
          versionId: draft.id,
        }),
      ).publishPlanVersion;
      // A newer draft is not for sale yet.
      dataOf(await graphql(app, admin, Ops.createPlanDraft, { planId: plan.id }));

      const tenant = await ownerClient().tenant.create({
        data: { id: randomUUID(), slug: `t-${randomUUID().slice(0, 8)}`, name: 'Newcomer' },
      });
      const provisioning = app.app.get(SubscriptionProvisioning);
      const subscription = await app.db
        .forTenant({ tenantId: tenant.id })
        .transaction((tx) => provisioning.startOnDefaultPlan(tx, tenant.id, utc('2027-01-31T10:00:00')));

      expect(subscription).toMatchObject({
        tenantId: tenant.id,
        planVersionId: v2.id,
        currentPeriodStart: utc('2027-01-31T10:00:00'),
        currentPeriodEnd: utc('2027-02-28T10:00:00'),
        trialEndsAt: utc('2027-02-14T10:00:00'),
      });

      const owner = await signedInTenantMember(tenant.id, 'OWNER');
      const seen = dataOf(await graphql<SubscriptionAnswer>(app, owner.caller, Ops.currentSubscription));
      expect(seen.currentSubscription).toMatchObject({ planCode: plan.code, planVersion: { id: v2.id, version: 2 } });
    });
  });

  describe('period rollover', () => {
    it('moves ended periods to the one containing now, once', async () => {
      const tenant = await newTenant();
      await ownerClient().subscription.update({
        where: { tenantId: tenant.id },
        data: {
          currentPeriodStart: utc('2025-01-31T10:00:00'),
          currentPeriodEnd: utc('2025-02-28T10:00:00'),
          billingAnchorAt: utc('2025-01-31T10:00:00'),
        },
      });
      const periods = app.app.get(SubscriptionPeriods);
      const now = utc('2025-05-15T00:00:00');

      expect(await periods.rollOverdue(now)).toBeGreaterThanOrEqual(1);
      const rolled = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
      expect([rolled.currentPeriodStart, rolled.currentPeriodEnd]).toEqual([
        utc('2025-04-30T10:00:00'),
        utc('2025-05-31T10:00:00'),
      ]);

      expect(await periods.rollOverdue(now)).toBe(0);
      const again = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
      expect(again.updatedAt).toEqual(rolled.updatedAt);
    });

    it('counts every subscription it moved when several close at once', async () => {
      // 2018: no other test has periods ending that early, so this run sees only these.
      const tenants = await Promise.all(Array.from({ length: 7 }, () => newTenant()));
      for (const tenant of tenants) {
        await ownerClient().subscription.update({
          where: { tenantId: tenant.id },
          data: {
            currentPeriodStart: utc('2018-01-01T00:00:00'),
            currentPeriodEnd: utc('2018-02-01T00:00:00'),
            billingAnchorAt: utc('2018-01-01T00:00:00'),
          },
        });
      }
      const periods = app.app.get(SubscriptionPeriods);

      expect(await periods.rollOverdue(utc('2018-02-15T00:00:00'))).toBe(7);
      expect(await periods.rollOverdue(utc('2018-02-15T00:00:00'))).toBe(0);
    });

    it('runs as the registered subscription-periods job', async () => {
      const tenant = await newTenant();
      await ownerClient().subscription.update({
        where: { tenantId: tenant.id },
        data: {
          currentPeriodStart: utc('2025-01-10T00:00:00'),
          currentPeriodEnd: utc('2025-02-10T00:00:00'),
          billingAnchorAt: utc('2025-01-10T00:00:00'),
        },
      });
      expect(await app.app.get(PeriodicJobs).runNow('subscription-periods')).toBe(true);
      const rolled = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
      const now = Date.now();
      expect(rolled.currentPeriodStart.getTime()).toBeLessThanOrEqual(now);
      expect(rolled.currentPeriodEnd.getTime()).toBeGreaterThan(now);
      expect(rolled.currentPeriodStart.getUTCDate()).toBe(10);
    });
  });
});
