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
import { closeOwnerClient, newTenant, ownerClient } from '@warbler/api/core/testing';
import { CatalogOps as Ops, newMetric, planCode, planTerms, subscribeTenant } from '../testing';
import { CatalogModule } from './catalog.module';

interface Version {
  id: string;
  version: number;
  status: string;
  currency: string;
  maxSeats: number;
  seatUnitPrice: string;
  subscriberCount: number;
  charges: { model: string; tiers: { fromUnits: string; upTo: string | null; unitPrice: string; flatFee: string }[] }[];
}
interface Plan {
  id: string;
  isDefault: boolean;
  versions: Version[];
  latestPublished: { id: string; version: number } | null;
  draft: { id: string; version: number } | null;
}

describe('plan lifecycle: draft, publish, immutability, new versions', () => {
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

  const call = <T>(query: string, variables: Record<string, unknown> = {}, caller: Caller = admin) =>
    graphql<T>(app, caller, query, variables);

  async function createPlan(metricCode: string, terms: Record<string, unknown> = {}): Promise<Plan> {
    const input = { code: planCode(), name: 'Team', description: 'For teams', terms: planTerms(metricCode, terms) };
    return dataOf(await call<{ createPlan: Plan }>(Ops.createPlan, { input })).createPlan;
  }

  const publish = async (versionId: string) =>
    dataOf(await call<{ publishPlanVersion: Version }>(Ops.publishPlanVersion, { versionId })).publishPlanVersion;

  it('publishes v1, refuses to edit it, drafts v2 from it and keeps a tenant on v1', async () => {
    const metric = await newMetric();
    const plan = await createPlan(metric.code);
    expect(plan.versions).toHaveLength(1);
    expect(plan.draft?.version).toBe(1);
    expect(plan.latestPublished).toBeNull();
    expect(plan.versions[0].charges[0].tiers).toEqual([
      { fromUnits: '0', upTo: '1000', unitPrice: '0', flatFee: '0' },
      { fromUnits: '1000', upTo: null, unitPrice: '0.002', flatFee: '1' },
    ]);

    const v1 = await publish(plan.versions[0].id);
    expect(v1).toMatchObject({ version: 1, status: 'PUBLISHED', subscriberCount: 0 });

    const edit = await call(Ops.updatePlanDraft, { versionId: v1.id, terms: planTerms(metric.code) });
    expect(outcome(edit)).toBe('CONFLICT:PUBLISHED_VERSION_IMMUTABLE');
    expect(edit.errors?.[0].message).toBe('Published versions are immutable; create a draft');
    expect(outcome(await call(Ops.publishPlanVersion, { versionId: v1.id }))).toBe(
      'CONFLICT:VERSION_ALREADY_PUBLISHED',
    );
    expect(outcome(await call(Ops.discardPlanDraft, { versionId: v1.id }))).toBe(
      'CONFLICT:PUBLISHED_VERSION_IMMUTABLE',
    );

    const tenant = await newTenant();
    await subscribeTenant(tenant.id, v1.id);
    const owner = await signedInTenantMember(tenant.id, 'OWNER');

    const draft = dataOf(
      await call<{ createPlanDraft: Version }>(Ops.createPlanDraft, { planId: plan.id }),
    ).createPlanDraft;
    expect(draft).toMatchObject({ version: 2, status: 'DRAFT', maxSeats: 20, seatUnitPrice: '12.5' });
    expect(draft.charges).toEqual(v1.charges.map((charge) => expect.objectContaining({ tiers: charge.tiers })));
    expect(outcome(await call(Ops.createPlanDraft, { planId: plan.id }))).toBe('CONFLICT:DRAFT_EXISTS');

    const edited = dataOf(
      await call<{ updatePlanDraft: Version }>(Ops.updatePlanDraft, {
        versionId: draft.id,
        terms: planTerms(metric.code, { maxSeats: 50, seatUnitPrice: '10.00' }),
      }),
    ).updatePlanDraft;
    expect(edited).toMatchObject({ version: 2, maxSeats: 50, seatUnitPrice: '10' });

    const v2 = await publish(draft.id);
    expect(v2.status).toBe('PUBLISHED');

    const mine = dataOf(
      await call<{ currentSubscription: { planVersion: { id: string; version: number; maxSeats: number } } }>(
        Ops.currentSubscription,
        {},
        owner.caller,
      ),
    ).currentSubscription;
    expect(mine.planVersion).toMatchObject({ id: v1.id, version: 1, maxSeats: 20 });

    const after = dataOf(await call<{ plan: Plan }>(Ops.plan, { id: plan.id })).plan;
    expect(after.versions.map((version) => [version.version, version.status, version.subscriberCount])).toEqual([
      [2, 'PUBLISHED', 0],
      [1, 'PUBLISHED', 1],
    ]);
    expect(after.latestPublished?.version).toBe(2);
    expect(after.draft).toBeNull();
  });

  it('discards a draft but never the only version', async () => {
    const metric = await newMetric();
    const plan = await createPlan(metric.code);
    expect(outcome(await call(Ops.discardPlanDraft, { versionId: plan.versions[0].id }))).toBe('CONFLICT:ONLY_VERSION');
    await publish(plan.versions[0].id);
    const draft = dataOf(
      await call<{ createPlanDraft: Version }>(Ops.createPlanDraft, { planId: plan.id }),
    ).createPlanDraft;
    expect(dataOf(await call(Ops.discardPlanDraft, { versionId: draft.id }))).toEqual({ discardPlanDraft: true });
    const again = dataOf(
      await call<{ createPlanDraft: Version }>(Ops.createPlanDraft, { planId: plan.id }),
    ).createPlanDraft;
    expect(again.version).toBe(2);
  });

  it('refuses a new currency while tenants are subscribed, allows it before', async () => {
    const metric = await newMetric();
    const plan = await createPlan(metric.code);
    const v1 = await publish(plan.versions[0].id);

    const unsubscribed = dataOf(
      await call<{ createPlanDraft: Version }>(Ops.createPlanDraft, { planId: plan.id }),
    ).createPlanDraft;
    await call(Ops.updatePlanDraft, { versionId: unsubscribed.id, terms: planTerms(metric.code, { currency: 'EUR' }) });
    expect((await publish(unsubscribed.id)).currency).toBe('EUR');

    await subscribeTenant((await newTenant()).id, v1.id);
    const draft = dataOf(
      await call<{ createPlanDraft: Version }>(Ops.createPlanDraft, { planId: plan.id }),
    ).createPlanDraft;
    const refused = await call(Ops.publishPlanVersion, { versionId: draft.id });
    expect(outcome(refused)).toBe('BAD_USER_INPUT:CURRENCY_MISMATCH');

    await call(Ops.updatePlanDraft, { versionId: draft.id, terms: planTerms(metric.code, { currency: 'USD' }) });
    expect((await publish(draft.id)).version).toBe(3);
  });

  it('serialises concurrent drafts and publications of one plan', async () => {
    const metric = await newMetric();
    const plan = await createPlan(metric.code);
    await publish(plan.versions[0].id);

    const drafts = await Promise.all(
      Array.from({ length: 5 }, () => call<{ createPlanDraft: Version }>(Ops.createPlanDraft, { planId: plan.id })),
    );
    expect(drafts.map(outcome).sort()).toEqual(
      ['CONFLICT:DRAFT_EXISTS', ...Array(3).fill('CONFLICT:DRAFT_EXISTS'), 'OK'].sort(),
    );
    const draftId = drafts.find((answer) => outcome(answer) === 'OK')?.data?.createPlanDraft.id;

    const publications = await Promise.all(
      Array.from({ length: 4 }, () => call(Ops.publishPlanVersion, { versionId: draftId })),
    );
    expect(publications.map(outcome).sort()).toEqual(
      [
        'OK',
        'CONFLICT:VERSION_ALREADY_PUBLISHED',
        'CONFLICT:VERSION_ALREADY_PUBLISHED',
        'CONFLICT:VERSION_ALREADY_PUBLISHED',
      ].sort(),
    );
    const versions = await ownerClient().planVersion.findMany({
      where: { planId: plan.id },
      orderBy: { version: 'asc' },
    });
    expect(versions.map((version) => [version.version, version.status])).toEqual([
      [1, 'PUBLISHED'],
      [2, 'PUBLISHED'],
    ]);
  });

  it('archives a metric only while no subscribed published version uses it', async () => {
    const metric = await newMetric();
    const plan = await createPlan(metric.code);
    const v1 = await publish(plan.versions[0].id);
    const tenant = await newTenant();
    await subscribeTenant(tenant.id, v1.id);

    expect(outcome(await call(Ops.archiveBillableMetric, { id: metric.id }))).toBe('CONFLICT:METRIC_IN_USE');

    await subscribeTenant(tenant.id, (await newTenant()).planVersionId);
    const archived = dataOf(
      await call<{ archiveBillableMetric: { archivedAt: string | null } }>(Ops.archiveBillableMetric, {
        id: metric.id,
      }),
    );
    expect(archived.archiveBillableMetric.archivedAt).not.toBeNull();

    const listed = dataOf(await call<{ billableMetrics: { id: string }[] }>(Ops.billableMetrics, {}));
    expect(listed.billableMetrics.map((m) => m.id)).not.toContain(metric.id);
    const all = dataOf(
      await call<{ billableMetrics: { id: string }[] }>(Ops.billableMetrics, { includeArchived: true }),
    );
    expect(all.billableMetrics.map((m) => m.id)).toContain(metric.id);

    const draft = dataOf(
      await call<{ createPlanDraft: Version }>(Ops.createPlanDraft, { planId: plan.id }),
    ).createPlanDraft;
    const refused = await call(Ops.publishPlanVersion, { versionId: draft.id });
    expect(outcome(refused)).toBe('BAD_USER_INPUT:INVALID_PLAN_TERMS');
  });

  it('updates a metric but not its code or aggregation', async () => {
    const metric = await newMetric();
    const updated = dataOf(
      await call<{ updateBillableMetric: Record<string, unknown> }>(Ops.updateBillableMetric, {
        id: metric.id,
        input: { name: 'API calls', unit: 'request' },
      }),
    ).updateBillableMetric;
    expect(updated).toMatchObject({ code: metric.code, name: 'API calls', unit: 'request', aggregation: 'SUM' });
    const refused = await call(Ops.updateBillableMetric, { id: metric.id, input: { code: 'other_code' } });
    expect(outcome(refused)).toBe('BAD_USER_INPUT');
  });
});
