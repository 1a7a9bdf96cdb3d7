import { randomUUID } from 'node:crypto';
import {
  type Caller,
  dataOf,
  graphql,
  outcome,
  startTestApp,
  type TestApp,
  signedInStaffAs,
} from '@warbler/api/access/testing';
import type { QuotaEnforcement } from '@warbler/api/core';
import { closeOwnerClient, newMember, newTenant, ownerClient } from '@warbler/api/core/testing';
import { marker, OperatorOps as Ops } from '../testing';
import { OperatorModule } from './operator.module';

interface Node {
  id: string;
  name: string;
  slug: string;
  status: string;
  ownerEmail: string | null;
  stripeCustomerId: string | null;
  planId: string | null;
  pastDueSince: string | null;
  overQuota: boolean;
  seatsUsed: number;
  seatsPaid: number | null;
}
interface Page {
  operatorTenants: {
    edges: { cursor: string; node: Node }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('the operator tenants list', () => {
  let app: TestApp;
  let admin: Caller;

  beforeAll(async () => {
    app = await startTestApp([OperatorModule]);
    admin = (await signedInStaffAs('SUPPORT')).caller;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const list = async (variables: Record<string, unknown>) =>
    dataOf(await graphql<Page>(app, admin, Ops.operatorTenants, variables)).operatorTenants;
  const ids = async (variables: Record<string, unknown>) => (await list(variables)).edges.map((edge) => edge.node.id);

  async function tenantNamed(name: string, data: { slug?: string; stripeCustomerId?: string; createdAt?: Date } = {}) {
    const tenant = await newTenant({ name });
    if (Object.keys(data).length) await ownerClient().tenant.update({ where: { id: tenant.id }, data });
    return tenant;
  }

  /** A quota of the tenant's plan version on a fresh metric, and the current period's total of it. */
  async function usage(
    tenantId: string,
    planVersionId: string,
    limit: number,
    used: number,
    enforcement: QuotaEnforcement,
  ) {
    const db = ownerClient();
    const metric = await db.billableMetric.create({
      data: { id: randomUUID(), code: marker('m_'), name: 'Messages', unit: 'message', aggregation: 'SUM' },
    });
    await db.planQuota.create({ data: { planVersionId, metricId: metric.id, periodLimit: limit, enforcement } });
    const subscription = await db.subscription.findUniqueOrThrow({ where: { tenantId } });
    await db.usagePeriodTotal.create({
      data: {
        tenantId,
        metricId: metric.id,
        periodStart: subscription.currentPeriodStart,
        periodEnd: subscription.currentPeriodEnd,
        value: used,
        eventCount: 1n,
      },
    });
    return metric;
  }

  describe('search', () => {
    it('finds a tenant by part of its name, in any case', async () => {
      const word = marker();
      const tenant = await tenantNamed(`Acme ${word} Chat`);
      await tenantNamed(`Other ${marker()}`);
      expect(await ids({ search: word.toUpperCase().slice(1) })).toEqual([tenant.id]);
    });

    it('finds a tenant by part of its slug', async () => {
      const word = marker();
      const tenant = await tenantNamed('Slugged', { slug: `acme-${word}-eu` });
      expect(await ids({ search: `${word}-EU` })).toEqual([tenant.id]);
    });

    it("finds a tenant by part of an active owner's e-mail, not by another member's or a removed owner's", async () => {
      const word = marker();
      const owned = await tenantNamed('Owned');
      await newMember(owned.id, 'OWNER', { email: `jane.${word}@owner.test` });
      const memberOnly = await tenantNamed('Member only');
      await newMember(memberOnly.id, 'ADMIN', { email: `john.${word}@admin.test` });
      const formerly = await tenantNamed('Formerly owned');
      const removed = await newMember(formerly.id, 'OWNER', { email: `jim.${word}@gone.test` });
      await ownerClient().membership.update({
        where: { tenantId_id: { tenantId: formerly.id, id: removed.membership.id } },
        data: { status: 'REMOVED' },
      });

      const found = await list({ search: word });

      expect(found.edges.map((edge) => edge.node.id)).toEqual([owned.id]);
      expect(found.edges[0].node.ownerEmail).toBe(`jane.${word}@owner.test`);
    });

    it('finds a tenant by its whole Stripe customer id only', async () => {
      const stripeCustomerId = `cus_${marker()}`;
      const tenant = await tenantNamed('Paying', { stripeCustomerId });
      expect(await ids({ search: stripeCustomerId })).toEqual([tenant.id]);
      expect((await ids({ search: stripeCustomerId.slice(0, -1) })).includes(tenant.id)).toBe(false);
    });

    it('matches LIKE wildcards literally', async () => {
      const word = marker();
      const percent = await tenantNamed(`Hundred % ${word}`);
      await tenantNamed(`Hundred x ${word}`);
      expect(await ids({ search: `% ${word}` })).toEqual([percent.id]);
      expect(await ids({ search: `${word.slice(0, 4)}_${word.slice(5)}` })).toEqual([]);
    });

    it('refuses a search longer than 200 characters', async () => {
      const answer = await graphql(app, admin, Ops.operatorTenants, { search: 'x'.repeat(201) });
      expect(outcome(answer)).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    });
  });

  describe('filters', () => {
    it('narrows by plan, status, past due and over quota, alone and together', async () => {
      const word = marker();
      const plain = await tenantNamed(`${word} plain`);
      const suspended = await tenantNamed(`${word} suspended`);
      await ownerClient().tenant.update({
        where: { id: suspended.id },
        data: { status: 'SUSPENDED', suspendedAt: new Date(), suspensionReason: 'abuse' },
      });
      const pastDue = await tenantNamed(`${word} past due`);
      await ownerClient().subscription.update({
        where: { tenantId: pastDue.id },
        data: { pastDueSince: new Date(Date.now() - 86_400_000) },
      });
      const overSoft = await tenantNamed(`${word} over soft`);
      await usage(overSoft.id, overSoft.planVersionId, 100, 101, 'SOFT');
      const atHard = await tenantNamed(`${word} at hard`);
      await usage(atHard.id, atHard.planVersionId, 100, 100, 'HARD');
      const atSoft = await tenantNamed(`${word} at soft`);
      await usage(atSoft.id, atSoft.planVersionId, 100, 100, 'SOFT');
      const underHard = await tenantNamed(`${word} under hard`);
      await usage(underHard.id, underHard.planVersionId, 100, 99, 'HARD');
      const plan = (await ownerClient().planVersion.findUniqueOrThrow({ where: { id: pastDue.planVersionId } })).planId;
      const all = [plain, suspended, pastDue, overSoft, atHard, atSoft, underHard].map((tenant) => tenant.id);
      const only = async (filter: Record<string, unknown>) => new Set(await ids({ search: word, filter }));

      expect(await only({})).toEqual(new Set(all));
      expect(await only({ planId: plan })).toEqual(new Set([pastDue.id]));
      expect(await only({ status: 'SUSPENDED' })).toEqual(new Set([suspended.id]));
      expect(await only({ status: 'ACTIVE' })).toEqual(new Set(all.filter((id) => id !== suspended.id)));
      expect(await only({ pastDue: true })).toEqual(new Set([pastDue.id]));
      expect(await only({ pastDue: false })).toEqual(new Set(all.filter((id) => id !== pastDue.id)));
      expect(await only({ overQuota: true })).toEqual(new Set([overSoft.id, atHard.id]));
      expect(await only({ overQuota: false })).toEqual(
        new Set(all.filter((id) => id !== overSoft.id && id !== atHard.id)),
      );
      expect(await only({ overQuota: true, status: 'SUSPENDED' })).toEqual(new Set());
      expect(await only({ overQuota: true, pastDue: false, status: 'ACTIVE' })).toEqual(
        new Set([overSoft.id, atHard.id]),
      );
    });

    it('counts only the current period against the quota', async () => {
      const word = marker();
      const tenant = await tenantNamed(`${word} last period`);
      const metric = await usage(tenant.id, tenant.planVersionId, 100, 10, 'SOFT');
      const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
      const lastStart = new Date(subscription.currentPeriodStart.getTime() - 30 * 86_400_000);
      await ownerClient().usagePeriodTotal.create({
        data: {
          tenantId: tenant.id,
          metricId: metric.id,
          periodStart: lastStart,
          periodEnd: subscription.currentPeriodStart,
          value: 5000,
          eventCount: 1n,
        },
      });
      expect(await ids({ search: word, filter: { overQuota: true } })).toEqual([]);
    });

    it('refuses a plan id that is not a UUID', async () => {
      const answer = await graphql(app, admin, Ops.operatorTenants, { filter: { planId: 'team' } });
      expect(outcome(answer)).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    });
  });

  describe('pagination', () => {
    it('walks every tenant once, newest first, while tenants are added between pages', async () => {
      const word = marker();
      const sameInstant = new Date(Date.now() - 3_600_000);
      const existing: { id: string; createdAt: Date }[] = [];
      // Four share a creation instant: the id breaks the tie, so no page boundary can split them unstably.
      for (let index = 0; index < 7; index += 1) {
        const createdAt = index < 4 ? sameInstant : new Date(sameInstant.getTime() - index * 60_000);
        existing.push({ id: (await tenantNamed(`${word} ${index}`, { createdAt })).id, createdAt });
      }
      const seen: string[] = [];
      const added: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page: Page['operatorTenants'] = await list({ search: word, first: 2, after });
        seen.push(...page.edges.map((edge) => edge.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        pages += 1;
        // A new tenant sorts before every page already read; a backdated one after all of them.
        added.push((await tenantNamed(`${word} new ${pages}`)).id);
        if (pages === 2) {
          added.push((await tenantNamed(`${word} backdated`, { createdAt: new Date(0) })).id);
        }
      } while (after);

      const newestFirst = [...existing]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id > a.id ? 1 : -1))
        .map((tenant) => tenant.id);
      expect(pages).toBe(4);
      expect(seen).toEqual([...newestFirst, added[2]]);
    });

    it('answers a forged cursor with BAD_USER_INPUT', async () => {
      const answer = await graphql(app, admin, Ops.operatorTenants, { after: 'bm90IGEgY3Vyc29y' });
      expect(outcome(answer)).toBe('BAD_USER_INPUT:INVALID_CURSOR');
    });

    it('bounds first', async () => {
      expect(outcome(await graphql(app, admin, Ops.operatorTenants, { first: 101 }))).toBe(
        'BAD_USER_INPUT:VALIDATION_FAILED',
      );
      expect(outcome(await graphql(app, admin, Ops.operatorTenants, { first: 0 }))).toBe(
        'BAD_USER_INPUT:VALIDATION_FAILED',
      );
    });
  });
});
