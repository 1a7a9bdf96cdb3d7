import { randomUUID } from 'node:crypto';
import {
  BillingOps,
  type Caller,
  callersOfEveryRole,
  closeOwnerClient,
  type CreditNoteView,
  dataOf,
  draftInvoiceWith,
  EVERYONE,
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
  type Who,
} from '../testing';
import { BillingModule } from './billing.module';

const TERMS = {
  currency: 'USD',
  taxRatePercent: '10',
  lines: [
    { description: 'Base fee', amountMinor: 5000n },
    { description: 'Usage', amountMinor: 1000n },
  ],
};

/** Who may issue credit notes, and who sees them: FINANCE issues, tenants see only their own. */
describe('credit note access', () => {
  let app: TestApp;
  let finance: Caller;

  const openInvoice = async (tenantId: string) => {
    const draft = await draftInvoiceWith(tenantId, TERMS);
    const issued = dataOf(
      await graphql<{ finalizeInvoice: InvoiceView }>(app, finance, BillingOps.finalizeInvoice, { id: draft.id }),
    ).finalizeInvoice;
    return { id: issued.id, lineIds: draft.lines.map((line) => line.id) };
  };
  const issueOn = (caller: Caller | null, invoice: { id: string; lineIds: string[] }) =>
    graphql<{ issueCreditNote: CreditNoteView }>(app, caller, BillingOps.issueCreditNote, {
      input: {
        invoiceId: invoice.id,
        reason: 'DUPLICATE',
        lines: [{ invoiceLineId: invoice.lineIds[1], amountMinor: '500' }],
      },
      idempotencyKey: randomUUID(),
    });
  const stateOf = async (tenantId: string) => ({
    invoices: await ownerClient().invoice.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
    creditNotes: await ownerClient().creditNote.count({ where: { tenantId } }),
    events: await ownerClient().auditEvent.count({ where: { tenantId } }),
  });

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    finance = (await signedInStaffAs('FINANCE')).caller;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe('who may issue one', () => {
    const EXPECTED = ['FORBIDDEN', 'FORBIDDEN', 'OK', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'].concat([
      'MFA_REQUIRED:MFA_ENROLMENT_REQUIRED',
      'UNAUTHENTICATED',
    ]);
    let tenantId: string;
    let callers: Map<Who, Caller | null>;

    beforeAll(async () => {
      tenantId = (await newTenant()).id;
      callers = await callersOfEveryRole(tenantId);
    });

    it.each(EVERYONE.map((who, index) => [who, EXPECTED[index]] as const))(
      'issueCreditNote by %s: %s',
      async (who, expected) => {
        const invoice = await openInvoice(tenantId);
        const before = await stateOf(tenantId);

        const answer = await issueOn(callers.get(who) ?? null, invoice);

        expect(outcome(answer)).toBe(expected);
        if (expected !== 'OK') expect(await stateOf(tenantId)).toEqual(before);
      },
    );
  });

  describe('isolation', () => {
    let a: { tenantId: string; admin: Caller; invoiceId: string; creditNoteId: string };
    let b: { tenantId: string; invoice: { id: string; lineIds: string[] }; creditNoteId: string };

    beforeAll(async () => {
      const [tenantA, tenantB] = [await newTenant(), await newTenant()];
      const invoiceA = await openInvoice(tenantA.id);
      const invoiceB = await openInvoice(tenantB.id);
      a = {
        tenantId: tenantA.id,
        admin: (await signedInTenantMember(tenantA.id, 'ADMIN')).caller,
        invoiceId: invoiceA.id,
        creditNoteId: dataOf(await issueOn(finance, invoiceA)).issueCreditNote.id,
      };
      b = {
        tenantId: tenantB.id,
        invoice: invoiceB,
        creditNoteId: dataOf(await issueOn(finance, invoiceB)).issueCreditNote.id,
      };
    });

    it('shows a tenant the credit notes of its own invoices, with their lines', async () => {
      const invoice = dataOf(
        await graphql<{ invoice: InvoiceView }>(app, a.admin, BillingOps.invoice, { id: a.invoiceId }),
      ).invoice;
      // 5.00 of usage at 10 %: 0.50 tax, 5.50 in all.
      expect(invoice).toMatchObject({ amountCreditedMinor: '550', amountDueMinor: '6050' });
      expect(invoice.creditNotes).toEqual([
        expect.objectContaining({
          id: a.creditNoteId,
          settlement: 'AMOUNT_DUE',
          totalMinor: '550',
          lines: [expect.objectContaining({ description: 'Usage', amountMinor: '500' })],
        }),
      ]);
      const page = dataOf(await graphql<{ invoices: InvoicePageView }>(app, a.admin, BillingOps.invoices)).invoices;
      expect(page.edges.flatMap((edge) => edge.node.creditNotes.map((note) => note.id))).toEqual([a.creditNoteId]);
    });

    it('hides B’s invoice, and so its credit notes, from A', async () => {
      expect(outcome(await graphql(app, a.admin, BillingOps.invoice, { id: b.invoice.id }))).toBe('NOT_FOUND');
    });

    it('row-level security hides B’s credit notes and their lines from A’s transactions', async () => {
      const seen = await app.db.forTenant({ tenantId: a.tenantId }).transaction(async (tx) => ({
        notes: await tx.creditNote.findMany({ select: { tenantId: true } }),
        lines: await tx.creditNoteLine.findMany({ select: { tenantId: true } }),
        byId: await tx.creditNote.findFirst({ where: { id: b.creditNoteId } }),
      }));
      expect(new Set([...seen.notes, ...seen.lines].map((row) => row.tenantId))).toEqual(new Set([a.tenantId]));
      expect(seen.byId).toBeNull();
    });

    it('refuses A’s admin a credit note on B’s invoice, changing nothing of B', async () => {
      const before = await stateOf(b.tenantId);
      expect(outcome(await issueOn(a.admin, b.invoice))).toBe('FORBIDDEN');
      expect(await stateOf(b.tenantId)).toEqual(before);
    });

    it('shows finance every tenant’s credit notes, each audited in its own tenant’s log', async () => {
      for (const [tenantId, invoiceId, creditNoteId] of [
        [a.tenantId, a.invoiceId, a.creditNoteId],
        [b.tenantId, b.invoice.id, b.creditNoteId],
      ]) {
        const listed = dataOf(
          await graphql<{ financeInvoices: InvoicePageView }>(app, finance, BillingOps.financeInvoices, { tenantId }),
        ).financeInvoices;
        expect(listed.edges.flatMap((edge) => edge.node.creditNotes.map((note) => note.id))).toEqual([creditNoteId]);
        expect(
          await ownerClient().auditEvent.count({
            where: { tenantId, targetId: invoiceId, action: 'invoice.credit_note_issued' },
          }),
        ).toBe(1);
      }
    });
  });
});
