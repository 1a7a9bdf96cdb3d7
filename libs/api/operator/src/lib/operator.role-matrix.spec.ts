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
import { closeOwnerClient, newTenant, newUser, ownerClient } from '@warbler/api/core/testing';
import { marker, OperatorOps as Ops } from '../testing';
import { OperatorModule } from './operator.module';

interface Fixture {
  tenantId: string;
  suspendedTenantId: string;
  userEmail: string;
  staffUserId: string;
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
/** Every staff role reads the tenants (support finds them, finance looks at their billing); no tenant role does. */
const STAFF_READ = [OK, OK, OK, NO, NO, NO, NO, MFA, ANON];
const ADMIN_ONLY = [OK, NO, NO, NO, NO, NO, NO, MFA, ANON];

const ROWS: Row[] = [
  { operation: 'operatorTenants', query: Ops.operatorTenants, variables: () => ({}), expected: STAFF_READ },
  {
    operation: 'operatorTenant',
    query: Ops.operatorTenant,
    variables: (f) => ({ id: f.tenantId }),
    expected: STAFF_READ,
  },
  {
    operation: 'suspendTenant',
    query: Ops.suspendTenant,
    variables: (f) => ({ input: { tenantId: f.tenantId, reason: 'matrix' } }),
    expected: ADMIN_ONLY,
  },
  {
    operation: 'reactivateTenant',
    query: Ops.reactivateTenant,
    variables: (f) => ({ input: { tenantId: f.suspendedTenantId, reason: 'matrix' } }),
    expected: ADMIN_ONLY,
  },
  { operation: 'staffAccounts', query: Ops.staffAccounts, variables: () => ({}), expected: ADMIN_ONLY },
  {
    operation: 'grantStaffRole',
    query: Ops.grantStaffRole,
    variables: (f) => ({ input: { email: f.userEmail, role: 'PLATFORM_ADMIN' } }),
    expected: ADMIN_ONLY,
  },
  {
    operation: 'revokeStaffRole',
    query: Ops.revokeStaffRole,
    variables: (f) => ({ userId: f.staffUserId }),
    expected: ADMIN_ONLY,
  },
];

describe('who may use the operator console', () => {
  let app: TestApp;
  let callers: Map<Who, Caller | null>;

  beforeAll(async () => {
    app = await startTestApp([OperatorModule]);
    callers = await callersOfEveryRole((await newTenant()).id);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  async function fixture(): Promise<Fixture> {
    const tenant = await newTenant({ name: `Matrix ${marker()}` });
    const suspended = await newTenant({ name: `Matrix suspended ${marker()}` });
    await ownerClient().tenant.update({
      where: { id: suspended.id },
      data: { status: 'SUSPENDED', suspendedAt: new Date(), suspensionReason: 'abuse' },
    });
    const user = await newUser();
    const staff = await newUser({ staffRole: 'SUPPORT' });
    return { tenantId: tenant.id, suspendedTenantId: suspended.id, userEmail: user.email, staffUserId: staff.id };
  }

  const state = async (f: Fixture) => ({
    tenants: await ownerClient().tenant.findMany({
      where: { id: { in: [f.tenantId, f.suspendedTenantId] } },
      orderBy: { id: 'asc' },
    }),
    users: await ownerClient().user.findMany({
      where: { OR: [{ email: f.userEmail }, { id: f.staffUserId }] },
      orderBy: { id: 'asc' },
    }),
    audit: await ownerClient().auditEvent.count({ where: { tenantId: { in: [f.tenantId, f.suspendedTenantId] } } }),
    platformAudit: await ownerClient().platformAuditEvent.count({ where: { targetId: f.staffUserId } }),
  });

  const cells = ROWS.flatMap((row) =>
    EVERYONE.map((who, index) => [row.operation, who, row.expected[index], row] as const),
  );

  it.each(cells)('%s by %s: %s', async (_operation, who, expected, row) => {
    const f = await fixture();
    const before = await state(f);

    const answer = await graphql(app, callers.get(who) ?? null, row.query, row.variables(f));

    expect(outcome(answer)).toBe(expected);
    if (expected !== OK) expect(await state(f)).toEqual(before);
  });
});
