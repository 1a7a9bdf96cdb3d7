import {
  type Caller,
  callersOfEveryRole,
  closeOwnerClient,
  CommitmentOps,
  EVERYONE,
  graphql,
  newTenant,
  outcome,
  ownerClient,
  startTestApp,
  type TestApp,
  type Who,
} from '../testing';
import { BillingModule } from './billing.module';

const OK = 'OK';
const NO = 'FORBIDDEN';
const ANON = 'UNAUTHENTICATED';
/** Staff who have not passed their second factor are sent to enrol, whatever they ask for. */
const MFA = 'MFA_REQUIRED:MFA_ENROLMENT_REQUIRED';

/** In the order of EVERYONE: PLATFORM_ADMIN, SUPPORT, FINANCE, OWNER, ADMIN, BILLING_ADMIN, MEMBER. */
const ROWS: [string, string, (tenantId: string) => Record<string, unknown>, string[]][] = [
  [
    'financeTenantBillingTerms',
    CommitmentOps.financeTenantBillingTerms,
    (tenantId) => ({ tenantId }),
    [OK, NO, OK, NO, NO, NO, NO, MFA, ANON],
  ],
  [
    'setTenantMinimumCommitment',
    CommitmentOps.setTenantMinimumCommitment,
    (tenantId) => ({ tenantId, amountMinor: '100' }),
    [OK, NO, OK, NO, NO, NO, NO, MFA, ANON],
  ],
  [
    'setTenantSpendingLimits',
    CommitmentOps.setTenantSpendingLimits,
    (tenantId) => ({ tenantId, maxSpendingCapMinor: '100000', spendingCapRequired: false }),
    [NO, NO, OK, NO, NO, NO, NO, MFA, ANON],
  ],
  ['spending', CommitmentOps.spending, () => ({}), [NO, NO, NO, OK, OK, OK, OK, MFA, ANON]],
  [
    'setSpendingControls',
    CommitmentOps.setSpendingControls,
    () => ({ alertMinor: '100', capMinor: '1000' }),
    [NO, NO, NO, OK, NO, OK, NO, MFA, ANON],
  ],
];

describe('who may do what with commitments and spending caps', () => {
  let app: TestApp;
  let tenantId: string;
  let callers: Map<Who, Caller | null>;

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    tenantId = (await newTenant()).id;
    callers = await callersOfEveryRole(tenantId);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const cells = ROWS.flatMap(([operation, query, variables, expected]) =>
    EVERYONE.map((who, index) => [operation, who, expected[index], query, variables] as const),
  );

  it.each(cells)('%s by %s: %s', async (_operation, who, expected, query, variables) => {
    const terms = () => ownerClient().tenantBillingTerms.findUnique({ where: { tenantId } });
    const before = await terms();
    const events = await ownerClient().auditEvent.count({ where: { tenantId } });

    const answer = await graphql(app, callers.get(who) ?? null, query, variables(tenantId));

    expect(outcome(answer)).toBe(expected);
    if (expected !== OK) {
      expect(await terms()).toEqual(before);
      expect(await ownerClient().auditEvent.count({ where: { tenantId } })).toBe(events);
    }
  });
});
