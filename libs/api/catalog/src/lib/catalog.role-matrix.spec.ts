import {
  type Caller,
  callersOfEveryRole,
  EVERYONE,
  graphql,
  outcome,
  startTestApp,
  type TestApp,
  type Who,
} from '@warbler/api/access/testing';
import { closeOwnerClient, newTenant, ownerClient } from '@warbler/api/core/testing';
import { CatalogOps as Ops, newMetric, planCode, planTerms } from '../testing';
import { CatalogModule } from './catalog.module';

interface Fixture {
  metricId: string;
  metricCode: string;
  planId: string;
  draftId: string;
  publishedId: string;
}

interface Row {
  operation: string;
  query: string;
  variables: (fixture: Fixture) => Record<string, unknown>;
  /** In the order of EVERYONE. */
  expected: string[];
}

const OK = 'OK';
const NO = 'FORBIDDEN';
const ANON = 'UNAUTHENTICATED';
/** Staff who have not passed their second factor are sent to enrol, whatever they ask for. */
const MFA = 'MFA_REQUIRED:MFA_ENROLMENT_REQUIRED';
const READ = [OK, OK, OK, NO, NO, NO, NO, MFA, ANON];
const WRITE = [OK, NO, NO, NO, NO, NO, NO, MFA, ANON];

const ROWS: Row[] = [
  { operation: 'billableMetrics', query: Ops.billableMetrics, variables: () => ({}), expected: READ },
  { operation: 'plans', query: Ops.plans, variables: () => ({}), expected: READ },
  { operation: 'plan', query: Ops.plan, variables: (f) => ({ id: f.planId }), expected: READ },
  {
    operation: 'createBillableMetric',
    query: Ops.createBillableMetric,
    variables: () => ({
      input: { code: `m_${Math.random().toString(36).slice(2, 12)}`, name: 'n', unit: 'u', aggregation: 'COUNT' },
    }),
    expected: WRITE,
  },
  {
    operation: 'updateBillableMetric',
    query: Ops.updateBillableMetric,
    variables: (f) => ({ id: f.metricId, input: { name: 'Renamed' } }),
    expected: WRITE,
  },
  {
    operation: 'archiveBillableMetric',
    query: Ops.archiveBillableMetric,
    variables: (f) => ({ id: f.metricId }),
    expected: WRITE,
  },
  {
    operation: 'createPlan',
    query: Ops.createPlan,
    variables: (f) => ({ input: { code: planCode(), name: 'n', terms: planTerms(f.metricCode) } }),
    expected: WRITE,
  },
  {
    operation: 'updatePlan',
    query: Ops.updatePlan,
    variables: (f) => ({ id: f.planId, input: { name: 'x' } }),
    expected: WRITE,
  },
  { operation: 'archivePlan', query: Ops.archivePlan, variables: (f) => ({ id: f.planId }), expected: WRITE },
  {
    operation: 'createPlanDraft',
    query: Ops.createPlanDraft,
    variables: (f) => ({ planId: f.planId }),
    // The fixture plan already has a draft: the admin passes the permission and meets the rule.
    expected: ['CONFLICT:DRAFT_EXISTS', NO, NO, NO, NO, NO, NO, MFA, ANON],
  },
  {
    operation: 'updatePlanDraft',
    query: Ops.updatePlanDraft,
    variables: (f) => ({ versionId: f.draftId, terms: planTerms(f.metricCode) }),
    expected: WRITE,
  },
  {
    operation: 'publishPlanVersion',
    query: Ops.publishPlanVersion,
    variables: (f) => ({ versionId: f.draftId }),
    expected: WRITE,
  },
  {
    operation: 'discardPlanDraft',
    query: Ops.discardPlanDraft,
    variables: (f) => ({ versionId: f.draftId }),
    expected: WRITE,
  },
  {
    operation: 'setDefaultPlan (refused before it could change the default)',
    query: Ops.setDefaultPlan,
    variables: () => ({ id: '019ab000-0000-7000-8000-00000000ffff' }),
    expected: ['NOT_FOUND', NO, NO, NO, NO, NO, NO, MFA, ANON],
  },
  {
    operation: 'currentSubscription',
    query: Ops.currentSubscription,
    variables: () => ({}),
    expected: [NO, NO, NO, OK, OK, OK, OK, MFA, ANON],
  },
];

describe('who may do what in the catalog', () => {
  let app: TestApp;
  let tenantId: string;
  let callers: Map<Who, Caller | null>;

  beforeAll(async () => {
    app = await startTestApp([CatalogModule]);
    tenantId = (await newTenant()).id;
    callers = await callersOfEveryRole(tenantId);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  async function fixture(): Promise<Fixture> {
    const metric = await newMetric();
    const owner = ownerClient();
    const plan = await owner.plan.create({ data: { code: planCode(), name: 'Matrix' } });
    const base = { planId: plan.id, currency: 'USD', interval: 'MONTH' as const, maxSeats: 5 };
    const published = await owner.planVersion.create({
      data: { ...base, version: 1, status: 'PUBLISHED', publishedAt: new Date() },
    });
    const draft = await owner.planVersion.create({ data: { ...base, version: 2 } });
    return {
      metricId: metric.id,
      metricCode: metric.code,
      planId: plan.id,
      draftId: draft.id,
      publishedId: published.id,
    };
  }

  const cells = ROWS.flatMap((row) =>
    EVERYONE.map((who, index) => [row.operation, who, row.expected[index], row] as const),
  );

  it.each(cells)('%s by %s: %s', async (_operation, who, expected, row) => {
    const f = await fixture();
    const before = await ownerClient().plan.findUniqueOrThrow({ where: { id: f.planId }, include: { versions: true } });

    const answer = await graphql(app, callers.get(who) ?? null, row.query, row.variables(f));

    expect(outcome(answer)).toBe(expected);
    if (expected !== OK) {
      const after = await ownerClient().plan.findUniqueOrThrow({
        where: { id: f.planId },
        include: { versions: true },
      });
      expect(after).toEqual(before);
      expect(
        (await ownerClient().billableMetric.findUniqueOrThrow({ where: { id: f.metricId } })).archivedAt,
      ).toBeNull();
    }
  });
});
