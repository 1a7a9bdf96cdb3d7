import {
  BillingOps,
  type Caller,
  closeOwnerClient,
  dataOf,
  draftInvoice,
  graphql,
  type InvoicePageView,
  type InvoiceView,
  newTenant,
  outcome,
  ownerClient,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';

/** Tenant A's people against tenant B's invoices, and the staff who work across tenants. */
describe('invoice isolation: a tenant sees and touches only its own invoices', () => {
  let app: TestApp;
  let a: { tenantId: string; admin: Caller; member: Caller; invoiceId: string };
  let b: { tenantId: string; invoiceId: string; draftId: string };
  let finance: Caller;
  let support: Caller;
  const bState = async () => ({
    invoices: await ownerClient().invoice.findMany({ where: { tenantId: b.tenantId }, orderBy: { id: 'asc' } }),
    payments: await ownerClient().invoicePayment.count({ where: { tenantId: b.tenantId } }),
    events: await ownerClient().auditEvent.count({ where: { tenantId: b.tenantId } }),
  });
  const finalize = async (id: string) =>
    dataOf(await graphql<{ finalizeInvoice: InvoiceView }>(app, finance, BillingOps.finalizeInvoice, { id }))
      .finalizeInvoice;

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    finance = (await signedInStaffAs('FINANCE')).caller;
    support = (await signedInStaffAs('SUPPORT')).caller;
    const [tenantA, tenantB] = [await newTenant(), await newTenant()];
    a = {
      tenantId: tenantA.id,
      admin: (await signedInTenantMember(tenantA.id, 'ADMIN')).caller,
      member: (await signedInTenantMember(tenantA.id, 'MEMBER')).caller,
      invoiceId: (await finalize((await draftInvoice(tenantA.id)).id)).id,
    };
    b = {
      tenantId: tenantB.id,
      invoiceId: (await finalize((await draftInvoice(tenantB.id)).id)).id,
      draftId: (await draftInvoice(tenantB.id)).id,
    };
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('lists A’s invoices only', async () => {
    const page = dataOf(await graphql<{ invoices: InvoicePageView }>(app, a.admin, BillingOps.invoices)).invoices;
    expect(page.edges.map((edge) => edge.node.id)).toEqual([a.invoiceId]);
  });

  it('answers NOT_FOUND for B’s invoice asked for by id', async () => {
    expect(outcome(await graphql(app, a.admin, BillingOps.invoice, { id: b.invoiceId }))).toBe('NOT_FOUND');
  });

  it('row-level security hides B’s invoices, lines and payments from A’s transactions', async () => {
    const seen = await app.db.forTenant({ tenantId: a.tenantId }).transaction(async (tx) => ({
      invoices: await tx.invoice.findMany({ select: { tenantId: true } }),
      lines: await tx.invoiceLine.findMany({ select: { tenantId: true } }),
      payments: await tx.invoicePayment.findMany({ select: { tenantId: true } }),
      byId: await tx.invoice.findFirst({ where: { id: b.invoiceId } }),
    }));
    expect(new Set([...seen.invoices, ...seen.lines, ...seen.payments].map((row) => row.tenantId))).toEqual(
      new Set([a.tenantId]),
    );
    expect(seen.byId).toBeNull();
  });

  it('with X-Tenant-Id of B, A’s admin is refused before anything runs', async () => {
    const answer = await graphql(app, { ...a.admin, tenantId: b.tenantId }, BillingOps.invoice, { id: b.invoiceId });
    expect(outcome(answer)).toBe('FORBIDDEN:NOT_A_MEMBER');
  });

  it('refuses the tenant’s members, who see plans and usage but not invoices', async () => {
    expect(outcome(await graphql(app, a.member, BillingOps.invoices))).toBe('FORBIDDEN');
    expect(outcome(await graphql(app, a.member, BillingOps.invoice, { id: a.invoiceId }))).toBe('FORBIDDEN');
  });

  it.each([
    ['finalizeInvoice', BillingOps.finalizeInvoice, () => ({ id: b.draftId })],
    ['voidInvoice', BillingOps.voidInvoice, () => ({ id: b.invoiceId, reason: 'mine now' })],
    [
      'recordInvoicePayment',
      BillingOps.recordInvoicePayment,
      () => ({ id: b.invoiceId, amountMinor: '1', method: 'CARD' }),
    ],
    ['financeInvoices', BillingOps.financeInvoices, () => ({})],
  ])('refuses %s to a tenant admin, for B’s invoices as for A’s own', async (_operation, query, variables) => {
    const before = await bState();
    expect(outcome(await graphql(app, a.admin, query, variables()))).toBe('FORBIDDEN');
    expect(await bState()).toEqual(before);
  });

  it('lets FINANCE read and act across tenants, auditing each change in the invoice’s own tenant', async () => {
    const listed = dataOf(
      await graphql<{ financeInvoices: InvoicePageView }>(app, finance, BillingOps.financeInvoices, { first: 100 }),
    ).financeInvoices;
    const tenantsSeen = new Set(listed.edges.map((edge) => edge.node.tenantId));
    expect(tenantsSeen.size).toBeGreaterThan(1);

    const eventsOfA = await ownerClient().auditEvent.count({ where: { tenantId: a.tenantId } });
    await finalize(b.draftId);
    dataOf(
      await graphql(app, finance, BillingOps.recordInvoicePayment, {
        id: a.invoiceId,
        amountMinor: '1',
        method: 'OTHER',
      }),
    );

    expect(await ownerClient().auditEvent.count({ where: { tenantId: a.tenantId } })).toBe(eventsOfA + 1);
    expect(
      await ownerClient().auditEvent.findFirst({ where: { tenantId: b.tenantId, targetId: b.draftId } }),
    ).toMatchObject({ action: 'invoice.finalized' });
  });

  it('lets SUPPORT neither finalize nor read the finance desk', async () => {
    const draft = await draftInvoice(b.tenantId);
    const before = await bState();
    expect(outcome(await graphql(app, support, BillingOps.finalizeInvoice, { id: draft.id }))).toBe('FORBIDDEN');
    expect(outcome(await graphql(app, support, BillingOps.financeInvoices))).toBe('FORBIDDEN');
    expect(await bState()).toEqual(before);
  });
});
