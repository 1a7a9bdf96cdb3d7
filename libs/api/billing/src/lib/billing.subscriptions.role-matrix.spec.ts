import { randomUUID } from 'node:crypto';
import {
  type Caller,
  callersOfEveryRole,
  changesOf,
  closeOwnerClient,
  EVERYONE,
  graphql,
  newTenant,
  offeredPlan,
  outcome,
  ownerClient,
  periodAround,
  startTestApp,
  subscriptionOn,
  SubscriptionOps as Ops,
  type TestApp,
  type Who,
} from '../testing';
import { BillingModule } from './billing.module';

interface Fixture {
  team: string;
  business: string;
  tenantId: string;
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
const MFA = 'MFA_REQUIRED:MFA_ENROLMENT_REQUIRED';
/** Every tenant role reads its plan; staff work in no tenant. */
const TENANT_READ = [NO, NO, NO, OK, OK, OK, OK, MFA, ANON];
/** Owners, admins and billing admins see money and change the plan; members only read it. */
const TENANT_BILLING = [NO, NO, NO, OK, OK, OK, NO, MFA, ANON];
const PLATFORM_ADMIN_ONLY = [OK, NO, NO, NO, NO, NO, NO, MFA, ANON];

const ROWS: Row[] = [
  { operation: 'currentSubscription', query: Ops.currentSubscription, variables: () => ({}), expected: TENANT_READ },
  { operation: 'availablePlans', query: Ops.availablePlans, variables: () => ({}), expected: TENANT_READ },
  { operation: 'upcomingInvoice', query: Ops.upcomingInvoice, variables: () => ({}), expected: TENANT_BILLING },
  {
    operation: 'previewSubscriptionChange',
    query: Ops.previewSubscriptionChange,
    variables: () => ({ input: { seatQuantity: 9, timing: 'NOW' } }),
    expected: TENANT_BILLING,
  },
  {
    operation: 'changeSubscription',
    query: Ops.changeSubscription,
    variables: () => ({ input: { seatQuantity: 9, timing: 'NOW' }, idempotencyKey: randomUUID() }),
    expected: TENANT_BILLING,
  },
  {
    operation: 'cancelSubscription',
    query: Ops.cancelSubscription,
    variables: () => ({ atPeriodEnd: true, idempotencyKey: randomUUID() }),
    expected: TENANT_BILLING,
  },
  { operation: 'resumeSubscription', query: Ops.resumeSubscription, variables: () => ({}), expected: TENANT_BILLING },
  {
    operation: 'previewPlanVersionMove',
    query: Ops.previewPlanVersionMove,
    variables: (f) => ({ from: f.team, to: f.business }),
    expected: PLATFORM_ADMIN_ONLY,
  },
  {
    operation: 'movePlanVersionSubscriptions',
    query: Ops.movePlanVersionSubscriptions,
    variables: (f) => ({ from: f.team, to: f.business, timing: 'PERIOD_END', tenantIds: [f.tenantId] }),
    expected: PLATFORM_ADMIN_ONLY,
  },
];

describe('who may do what with subscriptions', () => {
  let app: TestApp;
  let fixture: Fixture;
  let callers: Map<Who, Caller | null>;

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    const tenant = await newTenant();
    const terms = { seatUnitPrice: '8', includedSeats: 5, maxSeats: 10 };
    fixture = {
      tenantId: tenant.id,
      team: (await offeredPlan({ name: 'Team', baseFeeMinor: 4900n, ...terms })).planVersionId,
      business: (await offeredPlan({ name: 'Business', baseFeeMinor: 49900n, ...terms, maxSeats: 500 })).planVersionId,
    };
    callers = await callersOfEveryRole(tenant.id);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  /** Team with 8 seats and Business scheduled for the period end, so every operation has something to do. */
  async function reset(): Promise<void> {
    await subscriptionOn(fixture.tenantId, fixture.team, periodAround(new Date(), 10, 20), { seatQuantity: 8 });
    await ownerClient().subscription.update({
      where: { tenantId: fixture.tenantId },
      data: { scheduledPlanVersionId: fixture.business },
    });
  }

  const state = async () => ({
    subscription: await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: fixture.tenantId } }),
    changes: (await changesOf(fixture.tenantId)).length,
    events: await ownerClient().auditEvent.count({ where: { tenantId: fixture.tenantId } }),
  });

  const cells = ROWS.flatMap((row) =>
    EVERYONE.map((who, index) => [row.operation, who, row.expected[index], row] as const),
  );

  it.each(cells)('%s by %s: %s', async (_operation, who, expected, row) => {
    await reset();
    const before = await state();

    const answer = await graphql(app, callers.get(who) ?? null, row.query, row.variables(fixture));

    expect(outcome(answer)).toBe(expected);
    if (expected !== OK) expect(await state()).toEqual(before);
  });
});
