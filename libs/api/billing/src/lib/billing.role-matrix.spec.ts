import {
  BillingOps,
  type Caller,
  callersOfEveryRole,
  closeOwnerClient,
  draftInvoice,
  EVERYONE,
  graphql,
  newTenant,
  outcome,
  ownerClient,
  signedInStaffAs,
  startTestApp,
  type TestApp,
  type Who,
} from '../testing';
import { BillingModule } from './billing.module';
import { InvoiceFinalization } from './finance/invoice-finalization';

interface Fixture {
  draftId: string;
  openId: string;
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
/** Owners, admins and billing admins read their tenant's invoices; staff have no tenant selected. */
const TENANT_READ = [NO, NO, NO, OK, OK, OK, NO, MFA, ANON];
const DESK_READ = [OK, NO, OK, NO, NO, NO, NO, MFA, ANON];
const FINANCE_ONLY = [NO, NO, OK, NO, NO, NO, NO, MFA, ANON];

const ROWS: Row[] = [
  { operation: 'invoices', query: BillingOps.invoices, variables: () => ({}), expected: TENANT_READ },
  { operation: 'invoice', query: BillingOps.invoice, variables: (f) => ({ id: f.openId }), expected: TENANT_READ },
  { operation: 'financeInvoices', query: BillingOps.financeInvoices, variables: () => ({}), expected: DESK_READ },
  {
    operation: 'finalizeInvoice',
    query: BillingOps.finalizeInvoice,
    variables: (f) => ({ id: f.draftId }),
    expected: FINANCE_ONLY,
  },
  {
    operation: 'voidInvoice',
    query: BillingOps.voidInvoice,
    variables: (f) => ({ id: f.openId, reason: 'matrix' }),
    expected: FINANCE_ONLY,
  },
  {
    operation: 'recordInvoicePayment',
    query: BillingOps.recordInvoicePayment,
    variables: (f) => ({ id: f.openId, amountMinor: '1', method: 'BANK_TRANSFER' }),
    expected: FINANCE_ONLY,
  },
];

describe('who may do what with invoices', () => {
  let app: TestApp;
  let tenantId: string;
  let financeUser: { id: string; email: string };
  let callers: Map<Who, Caller | null>;

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    tenantId = (await newTenant()).id;
    callers = await callersOfEveryRole(tenantId);
    // Who finalizes the fixtures' invoices.
    financeUser = (await signedInStaffAs('FINANCE')).user;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  async function fixture(): Promise<Fixture> {
    const draft = await draftInvoice(tenantId);
    const open = await app.app.get(InvoiceFinalization).finalize(
      {
        userId: financeUser.id,
        email: financeUser.email,
        sessionId: 'matrix',
        staffRole: 'FINANCE',
        tenantId: null,
        tenantRole: null,
        membershipId: null,
        impersonatorUserId: null,
        mfaSatisfied: true,
        requestId: 'matrix',
        ip: null,
      },
      (await draftInvoice(tenantId)).id,
    );
    return { draftId: draft.id, openId: open.id };
  }

  const state = async () => ({
    invoices: await ownerClient().invoice.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
    payments: await ownerClient().invoicePayment.count({ where: { tenantId } }),
    events: await ownerClient().auditEvent.count({ where: { tenantId } }),
  });

  const cells = ROWS.flatMap((row) =>
    EVERYONE.map((who, index) => [row.operation, who, row.expected[index], row] as const),
  );

  it.each(cells)('%s by %s: %s', async (_operation, who, expected, row) => {
    const f = await fixture();
    const before = await state();

    const answer = await graphql(app, callers.get(who) ?? null, row.query, row.variables(f));

    expect(outcome(answer)).toBe(expected);
    if (expected !== OK) expect(await state()).toEqual(before);
  });
});
