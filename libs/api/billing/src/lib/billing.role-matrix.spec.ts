import { randomUUID } from 'node:crypto';
import { AccessTokens } from '@warbler/api/access';
import type { StaffRole, TenantRole } from '@warbler/api/core';
import {
  BillingOps,
  type Caller,
  closeOwnerClient,
  draftInvoice,
  graphql,
  newTenant,
  newUser,
  outcome,
  ownerClient,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  testConfig,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';
import { InvoiceFinalization } from './finance/invoice-finalization';

type Who = StaffRole | TenantRole | 'STAFF_WITHOUT_MFA' | 'ANONYMOUS';
const WHO: Who[] = [
  'PLATFORM_ADMIN',
  'SUPPORT',
  'FINANCE',
  'OWNER',
  'ADMIN',
  'BILLING_ADMIN',
  'MEMBER',
  'STAFF_WITHOUT_MFA',
  'ANONYMOUS',
];

interface Fixture {
  draftId: string;
  openId: string;
}

interface Row {
  operation: string;
  query: string;
  variables: (fixture: Fixture) => Record<string, unknown>;
  /** In the order of WHO. */
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
  const callers = new Map<Who, Caller | null>();

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    tenantId = (await newTenant()).id;
    for (const staffRole of ['PLATFORM_ADMIN', 'SUPPORT', 'FINANCE'] as const) {
      const staff = await signedInStaffAs(staffRole);
      if (staffRole === 'FINANCE') financeUser = staff.user;
      callers.set(staffRole, staff.caller);
    }
    for (const role of ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const) {
      callers.set(role, (await signedInTenantMember(tenantId, role)).caller);
    }
    callers.set('STAFF_WITHOUT_MFA', { token: await bearerWithoutMfa() });
    callers.set('ANONYMOUS', null);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  /** A finance user whose session has not passed the second factor yet. */
  async function bearerWithoutMfa(): Promise<string> {
    const user = await newUser({ staffRole: 'FINANCE' });
    const session = await ownerClient().session.create({
      data: { id: randomUUID(), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), mfaPassed: false },
    });
    return new AccessTokens(testConfig()).sign({
      sub: user.id,
      sid: session.id,
      email: user.email,
      staff: 'FINANCE',
      mfa: false,
    }).token;
  }

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

  const cells = ROWS.flatMap((row) => WHO.map((who, index) => [row.operation, who, row.expected[index], row] as const));

  it.each(cells)('%s by %s: %s', async (_operation, who, expected, row) => {
    const f = await fixture();
    const before = await state();

    const answer = await graphql(app, callers.get(who) ?? null, row.query, row.variables(f));

    expect(outcome(answer)).toBe(expected);
    if (expected !== OK) expect(await state()).toEqual(before);
  });
});
