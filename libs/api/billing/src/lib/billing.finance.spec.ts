import { AuditLog } from '@warbler/api/audit';
import type { Actor } from '@warbler/api/core';
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
  numberingOfYear,
  outcome,
  ownerClient,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';
import { InvoiceFinalization } from './finance/invoice-finalization';

const DAY_MS = 24 * 60 * 60 * 1000;
const NUMBER = /^WB-(\d{4})-(\d{6,})$/;

describe('the finance desk: finalize, number, pay and void invoices', () => {
  let app: TestApp;
  let finance: { user: { id: string; email: string }; caller: Caller };

  const finalize = async (id: string) =>
    dataOf(await graphql<{ finalizeInvoice: InvoiceView }>(app, finance.caller, BillingOps.finalizeInvoice, { id }))
      .finalizeInvoice;
  const pay = (id: string, amountMinor: string, method = 'BANK_TRANSFER', reference: string | null = null) =>
    graphql<{ recordInvoicePayment: InvoiceView }>(app, finance.caller, BillingOps.recordInvoicePayment, {
      id,
      amountMinor,
      method,
      reference,
    });
  const voidIt = (id: string, reason = 'Issued by mistake') =>
    graphql<{ voidInvoice: InvoiceView }>(app, finance.caller, BillingOps.voidInvoice, { id, reason });
  const stored = (id: string) => ownerClient().invoice.findFirstOrThrow({ where: { id } });
  const auditOf = (tenantId: string) =>
    ownerClient().auditEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } });
  /** The year's numbers run 1 … next − 1 without a hole, whoever finalized them. */
  const expectGapless = async (year: number) => {
    const { issued, next } = await numberingOfYear(year);
    expect(issued).toEqual(Array.from({ length: next - 1 }, (_, i) => i + 1));
  };

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    finance = await signedInStaffAs('FINANCE');
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  afterEach(() => jest.restoreAllMocks());

  describe('finalize', () => {
    it('numbers the draft WB-<year>-<sequence>, dates it, makes it due in 14 days and audits it in the tenant’s log', async () => {
      const tenant = await newTenant();
      const draft = await draftInvoice(tenant.id, 12_345n);

      const issued = await finalize(draft.id);

      const [, year] = NUMBER.exec(issued.number ?? '') ?? [];
      const issuedAt = new Date(issued.issuedAt ?? '');
      expect(Number(year)).toBe(issuedAt.getUTCFullYear());
      expect(Math.abs(issuedAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(new Date(issued.dueAt ?? '').getTime() - issuedAt.getTime()).toBe(14 * DAY_MS);
      expect(issued).toMatchObject({ status: 'OPEN', totalMinor: '12345', amountDueMinor: '12345', paidAt: null });
      expect(await auditOf(tenant.id)).toEqual([
        expect.objectContaining({
          action: 'invoice.finalized',
          targetType: 'Invoice',
          targetId: draft.id,
          actorUserId: finance.user.id,
          changes: expect.objectContaining({
            status: { before: 'DRAFT', after: 'OPEN' },
            number: { before: null, after: issued.number },
          }),
        }),
      ]);
    });

    it('answers CONFLICT to a second finalization, at once or racing, and never takes a second number', async () => {
      const tenant = await newTenant();
      const [once, raced] = [await draftInvoice(tenant.id), await draftInvoice(tenant.id)];
      const issued = await finalize(once.id);

      const retry = await graphql(app, finance.caller, BillingOps.finalizeInvoice, { id: once.id });
      expect(outcome(retry)).toBe('CONFLICT:INVOICE_NOT_DRAFT');
      expect((await stored(once.id)).number).toBe(issued.number);

      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          app.app
            .get(InvoiceFinalization)
            .finalize(actor(), raced.id)
            .then(
              (invoice) => invoice.number,
              (error: { reason?: string }) => error.reason,
            ),
        ),
      );
      expect(answers.filter((answer) => answer === 'INVOICE_NOT_DRAFT')).toHaveLength(2);
      expect(answers.filter((answer) => NUMBER.test(answer ?? ''))).toEqual([(await stored(raced.id)).number]);
      expect((await auditOf(tenant.id)).filter((event) => event.action === 'invoice.finalized')).toHaveLength(2);
      await expectGapless(new Date().getUTCFullYear());
    });

    it('numbers invoices of every tenant from one gapless sequence, in order, even when finalizations race', async () => {
      const tenants = [await newTenant(), await newTenant(), await newTenant()];
      const drafts = await Promise.all(tenants.flatMap((tenant) => [draftInvoice(tenant.id), draftInvoice(tenant.id)]));

      const issued = await Promise.all(drafts.map((draft) => finalize(draft.id)));

      const sequences = issued.map((invoice) => Number(NUMBER.exec(invoice.number ?? '')?.[2]));
      expect(new Set(sequences).size).toBe(drafts.length);
      // Numbers follow the time of issue: the sequence is taken under the lock that also reads the clock.
      const byNumber = [...issued].sort(
        (a, b) => Number(NUMBER.exec(a.number ?? '')?.[2]) - Number(NUMBER.exec(b.number ?? '')?.[2]),
      );
      const times = byNumber.map((invoice) => new Date(invoice.issuedAt ?? '').getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      await expectGapless(new Date().getUTCFullYear());
    });

    it('gives the number back when the finalization fails after taking it, so the next one gets it', async () => {
      const tenant = await newTenant();
      const [failing, next] = [await draftInvoice(tenant.id), await draftInvoice(tenant.id)];
      let numberInFailedTransaction: string | null = null;
      // The audit write is the last step of a finalization: failing there undoes all that came before.
      jest.spyOn(app.app.get(AuditLog), 'record').mockImplementationOnce(async (tx) => {
        numberInFailedTransaction = (await tx.invoice.findFirstOrThrow({ where: { id: failing.id } })).number;
        throw new Error('the audit log is unavailable');
      });

      await expect(app.app.get(InvoiceFinalization).finalize(actor(), failing.id)).rejects.toThrow('unavailable');

      expect(numberInFailedTransaction).toMatch(NUMBER);
      expect(await stored(failing.id)).toMatchObject({ status: 'DRAFT', number: null, issuedAt: null });
      await expectGapless(new Date().getUTCFullYear());
      const issued = await finalize(next.id);
      expect(Number(NUMBER.exec(issued.number ?? '')?.[2])).toBeGreaterThanOrEqual(
        Number(NUMBER.exec(numberInFailedTransaction ?? '')?.[2]),
      );
      await expectGapless(new Date().getUTCFullYear());
      expect((await auditOf(tenant.id)).map((event) => event.targetId)).toEqual([next.id]);
    });

    it('makes an invoice with nothing to pay PAID as it is issued', async () => {
      const tenant = await newTenant();
      const zero = await draftInvoice(tenant.id, 0n);

      const issued = await finalize(zero.id);

      expect(issued).toMatchObject({ status: 'PAID', totalMinor: '0', amountDueMinor: '0', lines: [] });
      expect(issued.paidAt).toBe(issued.issuedAt);
      expect(issued.number).toMatch(NUMBER);
    });

    it('answers NOT_FOUND for an invoice that does not exist', async () => {
      const answer = await graphql(app, finance.caller, BillingOps.finalizeInvoice, {
        id: '019ab000-0000-7000-8000-00000000beef',
      });
      expect(outcome(answer)).toBe('NOT_FOUND');
    });
  });

  describe('payments', () => {
    it('adds partial payments up and marks the invoice PAID with the one that completes it', async () => {
      const tenant = await newTenant();
      const invoice = await finalize((await draftInvoice(tenant.id, 10_000n)).id);

      const partly = dataOf(
        await pay(invoice.id, '2500', 'BANK_TRANSFER', '  SEPA 2026-11-0042 '),
      ).recordInvoicePayment;
      expect(partly).toMatchObject({ status: 'OPEN', amountPaidMinor: '2500', amountDueMinor: '7500', paidAt: null });
      expect(partly.payments).toEqual([
        expect.objectContaining({ amountMinor: '2500', method: 'BANK_TRANSFER', reference: 'SEPA 2026-11-0042' }),
      ]);

      const paid = dataOf(await pay(invoice.id, '7500', 'CARD')).recordInvoicePayment;
      expect(paid).toMatchObject({ status: 'PAID', amountPaidMinor: '10000', amountDueMinor: '0' });
      expect(paid.paidAt).toBe(paid.payments[1].recordedAt);
      expect(paid.payments.map((payment) => [payment.amountMinor, payment.method, payment.reference])).toEqual([
        ['2500', 'BANK_TRANSFER', 'SEPA 2026-11-0042'],
        ['7500', 'CARD', null],
      ]);
      const events = (await auditOf(tenant.id)).filter((event) => event.action === 'invoice.payment_recorded');
      expect(events.map((event) => event.changes)).toEqual([
        expect.objectContaining({
          amountPaidMinor: { before: '0', after: '2500' },
          payment: { before: null, after: expect.objectContaining({ amountMinor: '2500', method: 'bank_transfer' }) },
        }),
        expect.objectContaining({ status: { before: 'OPEN', after: 'PAID' } }),
      ]);
    });

    it('refuses a payment above the amount still due with BAD_USER_INPUT, recording nothing', async () => {
      const tenant = await newTenant();
      const invoice = await finalize((await draftInvoice(tenant.id, 10_000n)).id);
      dataOf(await pay(invoice.id, '9000'));

      expect(outcome(await pay(invoice.id, '1001'))).toBe('BAD_USER_INPUT:OVERPAYMENT');

      expect(await stored(invoice.id)).toMatchObject({ status: 'OPEN', amountPaidMinor: 9000n });
      expect(await ownerClient().invoicePayment.count({ where: { invoiceId: invoice.id } })).toBe(1);
    });

    it.each([['0'], ['-5'], ['12.50'], ['1e3'], ['9'.repeat(19)]])(
      'refuses the amount %s: whole minor units above 0 only',
      async (amountMinor) => {
        const tenant = await newTenant();
        const invoice = await finalize((await draftInvoice(tenant.id)).id);
        expect(outcome(await pay(invoice.id, amountMinor))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
      },
    );

    it('takes payments on open invoices only', async () => {
      const tenant = await newTenant();
      const draft = await draftInvoice(tenant.id);
      const paid = await finalize((await draftInvoice(tenant.id)).id);
      dataOf(await pay(paid.id, paid.totalMinor));
      const voided = await finalize((await draftInvoice(tenant.id)).id);
      dataOf(await voidIt(voided.id));

      for (const id of [draft.id, paid.id, voided.id]) {
        expect(outcome(await pay(id, '1'))).toBe('CONFLICT:INVOICE_NOT_OPEN');
      }
    });
  });

  describe('void', () => {
    it('voids an open invoice with its reason, keeping its number', async () => {
      const tenant = await newTenant();
      const invoice = await finalize((await draftInvoice(tenant.id)).id);

      const voided = dataOf(await voidIt(invoice.id, '  Billed the wrong tenant  ')).voidInvoice;

      expect(voided).toMatchObject({
        status: 'VOID',
        number: invoice.number,
        voidReason: 'Billed the wrong tenant',
        amountDueMinor: '0',
      });
      expect(voided.voidedAt).not.toBeNull();
      expect((await auditOf(tenant.id)).at(-1)).toMatchObject({
        action: 'invoice.voided',
        changes: expect.objectContaining({ status: { before: 'OPEN', after: 'VOID' } }),
      });
    });

    it('voids a draft without ever numbering it', async () => {
      const tenant = await newTenant();
      const draft = await draftInvoice(tenant.id);

      const voided = dataOf(await voidIt(draft.id)).voidInvoice;

      expect(voided).toMatchObject({ status: 'VOID', number: null, issuedAt: null });
      expect(outcome(await graphql(app, finance.caller, BillingOps.finalizeInvoice, { id: draft.id }))).toBe(
        'CONFLICT:INVOICE_NOT_DRAFT',
      );
    });

    it('refuses to void an invoice that was paid, partly paid or already voided', async () => {
      const tenant = await newTenant();
      const paid = await finalize((await draftInvoice(tenant.id, 500n)).id);
      dataOf(await pay(paid.id, '500'));
      const partly = await finalize((await draftInvoice(tenant.id, 500n)).id);
      dataOf(await pay(partly.id, '100'));
      const voided = await finalize((await draftInvoice(tenant.id, 500n)).id);
      dataOf(await voidIt(voided.id));

      expect(outcome(await voidIt(paid.id))).toBe('CONFLICT:INVOICE_NOT_VOIDABLE');
      expect(outcome(await voidIt(partly.id))).toBe('CONFLICT:INVOICE_HAS_PAYMENTS');
      expect(outcome(await voidIt(voided.id))).toBe('CONFLICT:INVOICE_NOT_VOIDABLE');
      expect(await stored(partly.id)).toMatchObject({ status: 'OPEN', amountPaidMinor: 100n });
    });

    it('needs a reason', async () => {
      const tenant = await newTenant();
      const invoice = await finalize((await draftInvoice(tenant.id)).id);
      expect(outcome(await voidIt(invoice.id, '   '))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
      expect((await stored(invoice.id)).status).toBe('OPEN');
    });
  });

  describe('reading', () => {
    it('lists every tenant’s invoices for finance, filtered by status and tenant, a page at a time', async () => {
      const tenant = await newTenant();
      const drafts = [await draftInvoice(tenant.id), await draftInvoice(tenant.id), await draftInvoice(tenant.id)];
      await finalize(drafts[0].id);
      const list = async (variables: Record<string, unknown>) =>
        dataOf(
          await graphql<{ financeInvoices: InvoicePageView }>(
            app,
            finance.caller,
            BillingOps.financeInvoices,
            variables,
          ),
        ).financeInvoices;

      const first = await list({ tenantId: tenant.id, first: 2 });
      const rest = await list({ tenantId: tenant.id, first: 2, after: first.pageInfo.endCursor });
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(rest.pageInfo).toEqual({ hasNextPage: false, endCursor: rest.edges[0].cursor });
      // Newest period first.
      expect([...first.edges, ...rest.edges].map((edge) => edge.node.id)).toEqual(
        drafts.map((draft) => draft.id).reverse(),
      );

      const open = await list({ tenantId: tenant.id, status: 'OPEN' });
      expect(open.edges.map((edge) => edge.node.id)).toEqual([drafts[0].id]);
      expect(open.edges[0].node.tenantName).toBe(tenant.name);
      expect(outcome(await graphql(app, finance.caller, BillingOps.financeInvoices, { after: 'not-a-cursor' }))).toBe(
        'BAD_USER_INPUT:INVALID_CURSOR',
      );
    });

    it('shows a tenant its issued invoices with their lines, never its drafts', async () => {
      const tenant = await newTenant();
      const billing = await signedInTenantMember(tenant.id, 'BILLING_ADMIN');
      const [issuedDraft, stillDraft] = [await draftInvoice(tenant.id, 4_900n), await draftInvoice(tenant.id)];
      const issued = await finalize(issuedDraft.id);

      const seen = dataOf(
        await graphql<{ invoices: InvoicePageView }>(app, billing.caller, BillingOps.invoices),
      ).invoices;
      expect(seen.edges.map((edge) => edge.node)).toEqual([issued]);
      const one = dataOf(
        await graphql<{ invoice: InvoiceView }>(app, billing.caller, BillingOps.invoice, { id: issued.id }),
      );
      expect(one.invoice.lines).toEqual([
        expect.objectContaining({ kind: 'BASE_FEE', amountMinor: '4900', position: 1 }),
      ]);
      expect(outcome(await graphql(app, billing.caller, BillingOps.invoice, { id: stillDraft.id }))).toBe('NOT_FOUND');
    });
  });

  /** The finance user as the services see them, for calls that bypass HTTP. */
  function actor(): Actor {
    return {
      userId: finance.user.id,
      email: finance.user.email,
      sessionId: 'finance-session',
      staffRole: 'FINANCE',
      tenantId: null,
      tenantRole: null,
      membershipId: null,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId: 'finance-test',
      ip: null,
    };
  }
});
