import { randomUUID } from 'node:crypto';
import { AuditLog } from '@warbler/api/audit';
import type { Actor } from '@warbler/api/core';
import {
  BillingOps,
  type Caller,
  closeOwnerClient,
  creditNoteNumberingOfYear,
  type CreditNoteView,
  dataOf,
  draftInvoice,
  draftInvoiceWith,
  graphql,
  type InvoiceView,
  newTenant,
  outcome,
  ownerClient,
  signedInStaffAs,
  startTestApp,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';
import { CreditNoteIssuing, type CreditNoteRequest } from './credit-notes/credit-note-issuing';
import { BillingEvents } from './providers/billing-events';

const NUMBER = /^CN-(\d{4})-(\d{6,})$/;

/*
 * The invoice most tests credit, priced by hand:
 *   Team base fee 49.00 + seats 24.00 + messages 12.34 = 85.34
 *   tax 20 % of 85.34 = 17.068 → 17.07; total 102.41
 */
const TEAM_INVOICE = {
  currency: 'USD',
  taxRatePercent: '20',
  lines: [
    { description: 'Team v1 base fee', amountMinor: 4900n },
    { description: 'Seats above 2 included (3 × 8.00)', amountMinor: 2400n, quantity: '3', unitPrice: '8' },
    { description: 'Messages (30,850 × 0.0004)', amountMinor: 1234n, quantity: '30850', unitPrice: '0.0004' },
  ],
};

describe('credit notes: corrections of issued invoices', () => {
  let app: TestApp;
  let finance: { user: { id: string; email: string }; caller: Caller };

  const financeActor = (): Actor => ({
    userId: finance.user.id,
    email: finance.user.email,
    sessionId: 'credit-notes',
    staffRole: 'FINANCE',
    tenantId: null,
    tenantRole: null,
    membershipId: null,
    impersonatorUserId: null,
    mfaSatisfied: true,
    requestId: 'credit-notes',
    ip: null,
  });
  const finalize = async (id: string) =>
    dataOf(await graphql<{ finalizeInvoice: InvoiceView }>(app, finance.caller, BillingOps.finalizeInvoice, { id }))
      .finalizeInvoice;
  /** An OPEN invoice priced as TEAM_INVOICE (or `terms`), with its lines. */
  const openInvoice = async (terms = TEAM_INVOICE) => {
    const tenant = await newTenant();
    const draft = await draftInvoiceWith(tenant.id, terms);
    const issued = await finalize(draft.id);
    return { tenantId: tenant.id, invoice: issued, lineIds: draft.lines.map((line) => line.id) };
  };
  const pay = async (id: string, amountMinor: string) =>
    graphql<{ recordInvoicePayment: InvoiceView }>(app, finance.caller, BillingOps.recordInvoicePayment, {
      id,
      amountMinor,
      method: 'BANK_TRANSFER',
    });
  const credit = (
    invoiceId: string,
    lines: { invoiceLineId?: string | null; description?: string | null; amountMinor: string }[],
    idempotencyKey: string = randomUUID(),
    extra: { reason?: string; memo?: string | null } = {},
  ) =>
    graphql<{ issueCreditNote: CreditNoteView }>(app, finance.caller, BillingOps.issueCreditNote, {
      input: { invoiceId, reason: extra.reason ?? 'BILLING_ERROR', memo: extra.memo ?? null, lines },
      idempotencyKey,
    });
  const invoiceNow = async (tenantId: string, id: string) => {
    const page = dataOf(
      await graphql<{ financeInvoices: { edges: { node: InvoiceView }[] } }>(
        app,
        finance.caller,
        BillingOps.financeInvoices,
        { tenantId, first: 100 },
      ),
    ).financeInvoices;
    const found = page.edges.find((edge) => edge.node.id === id)?.node;
    if (!found) throw new Error(`invoice ${id} not listed`);
    return found;
  };
  const creditNotesOf = (invoiceId: string) =>
    ownerClient().creditNote.findMany({ where: { invoiceId }, orderBy: { issuedAt: 'asc' } });
  const auditOf = (tenantId: string) =>
    ownerClient().auditEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } });
  /** The year's credit note numbers run 1 … next − 1 without a hole, whoever issued them. */
  const expectGapless = async () => {
    const { issued, next } = await creditNoteNumberingOfYear(new Date().getUTCFullYear());
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

  describe('on an open invoice', () => {
    it('lowers the amount due, numbers the credit note, and audits it in the tenant’s log with its key', async () => {
      const { tenantId, invoice, lineIds } = await openInvoice();
      const key = `retry-safe-${randomUUID()}`;

      const note = dataOf(
        await credit(invoice.id, [{ invoiceLineId: lineIds[2], amountMinor: '1000' }], key, {
          memo: '  Messages counted twice  ',
        }),
      ).issueCreditNote;

      // 10.00 of the messages line; tax 20 % of 10.00 = 2.00; 12.00 in all.
      expect(note).toMatchObject({
        invoiceId: invoice.id,
        tenantId,
        currency: 'USD',
        reason: 'BILLING_ERROR',
        memo: 'Messages counted twice',
        settlement: 'AMOUNT_DUE',
        subtotalMinor: '1000',
        taxMinor: '200',
        totalMinor: '1200',
        lines: [
          { position: 1, invoiceLineId: lineIds[2], description: 'Messages (30,850 × 0.0004)', amountMinor: '1000' },
        ],
      });
      const [, year] = NUMBER.exec(note.number) ?? [];
      expect(Number(year)).toBe(new Date(note.issuedAt).getUTCFullYear());
      expect(Math.abs(new Date(note.issuedAt).getTime() - Date.now())).toBeLessThan(60_000);

      // 102.41 − 12.00 = 90.41 still due.
      const after = await invoiceNow(tenantId, invoice.id);
      expect(after).toMatchObject({
        status: 'OPEN',
        totalMinor: '10241',
        amountCreditedMinor: '1200',
        amountDueMinor: '9041',
        paidAt: null,
      });
      expect(after.creditNotes).toEqual([note]);

      const [event] = (await auditOf(tenantId)).filter((e) => e.action === 'invoice.credit_note_issued');
      expect(event).toMatchObject({
        actorUserId: finance.user.id,
        targetType: 'Invoice',
        targetId: invoice.id,
        changes: expect.objectContaining({
          amountCreditedMinor: { before: '0', after: '1200' },
          creditNote: {
            before: null,
            after: expect.objectContaining({
              id: note.id,
              number: note.number,
              idempotencyKey: key,
              totalMinor: '1200',
            }),
          },
        }),
      });
      await expectGapless();
    });

    it('makes the invoice PAID when the credit settles what is left, and its parts add up to the invoice', async () => {
      const { tenantId, invoice, lineIds } = await openInvoice();
      dataOf(await credit(invoice.id, [{ invoiceLineId: lineIds[2], amountMinor: '1000' }]));

      const rest = dataOf(
        await credit(invoice.id, [
          { invoiceLineId: lineIds[0], amountMinor: '4900' },
          { invoiceLineId: lineIds[1], amountMinor: '2400' },
          { invoiceLineId: lineIds[2], amountMinor: '234', description: 'The rest of the messages' },
        ]),
      ).issueCreditNote;

      // 75.34 more credits all 85.34: tax 17.07 − 2.00 = 15.07; 90.41 in all, exactly what was due.
      expect(rest).toMatchObject({ subtotalMinor: '7534', taxMinor: '1507', totalMinor: '9041' });
      expect(rest.lines.map((line) => line.description)).toEqual([
        'Team v1 base fee',
        'Seats above 2 included (3 × 8.00)',
        'The rest of the messages',
      ]);
      const after = await invoiceNow(tenantId, invoice.id);
      expect(after).toMatchObject({
        status: 'PAID',
        amountPaidMinor: '0',
        amountCreditedMinor: '10241',
        amountDueMinor: '0',
      });
      expect(after.paidAt).toBe(rest.issuedAt);
      expect(outcome(await credit(invoice.id, [{ description: 'More', amountMinor: '1' }]))).toBe(
        'BAD_USER_INPUT:INVOICE_OVER_CREDITED',
      );
    });

    it('puts a tenant past due and suspended for this invoice back in good standing, as a payment would', async () => {
      const { tenantId, invoice, lineIds } = await openInvoice();
      const since = new Date(Date.now() - 3_600_000);
      await ownerClient().subscription.update({ where: { tenantId }, data: { pastDueSince: since } });
      await ownerClient().tenant.update({
        where: { id: tenantId },
        data: { status: 'SUSPENDED', suspendedAt: since, suspensionReason: 'PAYMENT_OVERDUE' },
      });
      dataOf(await credit(invoice.id, [{ invoiceLineId: lineIds[2], amountMinor: '1000' }]));
      // Partly credited, the invoice is still open: nothing changes yet.
      expect((await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } })).pastDueSince).toEqual(since);

      dataOf(
        await credit(invoice.id, [
          { invoiceLineId: lineIds[0], amountMinor: '4900' },
          { invoiceLineId: lineIds[1], amountMinor: '2400' },
          { invoiceLineId: lineIds[2], amountMinor: '234' },
        ]),
      );

      expect((await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } })).pastDueSince).toBeNull();
      expect(await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenantId } })).toMatchObject({
        status: 'ACTIVE',
        suspendedAt: null,
        suspensionReason: null,
      });
    });

    it('leaves less to pay: payments count against the total less credits', async () => {
      const { tenantId, invoice, lineIds } = await openInvoice();
      dataOf(await credit(invoice.id, [{ invoiceLineId: lineIds[2], amountMinor: '1000' }]));

      const over = await pay(invoice.id, '9042');
      expect(outcome(over)).toBe('BAD_USER_INPUT:OVERPAYMENT');
      expect(over.errors?.[0].message).toContain('90.41 USD');

      const paid = dataOf(await pay(invoice.id, '9041')).recordInvoicePayment;
      expect(paid).toMatchObject({ status: 'PAID', amountPaidMinor: '9041', amountCreditedMinor: '1200' });
      expect((await invoiceNow(tenantId, invoice.id)).amountDueMinor).toBe('0');
    });

    it('refuses to credit more than is still due once part is paid: that part needs a refund after payment', async () => {
      const { invoice, lineIds } = await openInvoice();
      dataOf(await pay(invoice.id, '10000'));

      // 2.41 is due; crediting 24.00 of seats (28.80 with tax) would hand back money that was paid.
      const answer = await credit(invoice.id, [{ invoiceLineId: lineIds[1], amountMinor: '2400' }]);

      expect(outcome(answer)).toBe('BAD_USER_INPUT:CREDIT_EXCEEDS_AMOUNT_DUE');
      expect(await creditNotesOf(invoice.id)).toEqual([]);
    });
  });

  describe('on a paid invoice', () => {
    it('records a refund and leaves the invoice paid', async () => {
      const { tenantId, invoice, lineIds } = await openInvoice();
      dataOf(await pay(invoice.id, invoice.totalMinor));

      const refund = dataOf(
        await credit(invoice.id, [{ invoiceLineId: lineIds[1], amountMinor: '2400' }], randomUUID(), {
          reason: 'PRODUCT_UNSATISFACTORY',
        }),
      ).issueCreditNote;

      // 24.00 of seats; tax 20 % = 4.80; 28.80 refunded.
      expect(refund).toMatchObject({
        settlement: 'REFUND',
        reason: 'PRODUCT_UNSATISFACTORY',
        subtotalMinor: '2400',
        taxMinor: '480',
        totalMinor: '2880',
      });
      const after = await invoiceNow(tenantId, invoice.id);
      expect(after).toMatchObject({
        status: 'PAID',
        amountPaidMinor: '10241',
        amountCreditedMinor: '2880',
        amountDueMinor: '0',
      });
      expect(after.paidAt).not.toBe(refund.issuedAt);
    });
  });

  describe('in other currencies', () => {
    it('rounds JPY to whole yen and KWD to the fils, as the pricing library’s golden cases', async () => {
      // ¥10,000 + ¥2,345 = ¥12,345; tax 10 %: 1,234.5 → 1,234 (half-even).
      const yen = await openInvoice({
        currency: 'JPY',
        taxRatePercent: '10',
        lines: [
          { description: 'Base fee', amountMinor: 10_000n },
          { description: 'Usage', amountMinor: 2345n },
        ],
      } as typeof TEAM_INVOICE);
      expect(yen.invoice).toMatchObject({ taxMinor: '1234', totalMinor: '13579' });
      // ¥2,345 credited: tax 234.5 → 234.
      expect(
        dataOf(await credit(yen.invoice.id, [{ invoiceLineId: yen.lineIds[1], amountMinor: '2345' }])).issueCreditNote,
      ).toMatchObject({ subtotalMinor: '2345', taxMinor: '234', totalMinor: '2579' });

      // 12.345 + 0.500 = 12.845 KWD; tax 5 %: 0.64225 → 0.642.
      const dinar = await openInvoice({
        currency: 'KWD',
        taxRatePercent: '5',
        lines: [
          { description: 'Base fee', amountMinor: 12_345n },
          { description: 'Usage', amountMinor: 500n },
        ],
      } as typeof TEAM_INVOICE);
      expect(dinar.invoice).toMatchObject({ taxMinor: '642', totalMinor: '13487' });
      // 0.500 credited: tax 0.025.
      expect(
        dataOf(await credit(dinar.invoice.id, [{ invoiceLineId: dinar.lineIds[1], amountMinor: '500' }]))
          .issueCreditNote,
      ).toMatchObject({ subtotalMinor: '500', taxMinor: '25', totalMinor: '525' });
    });
  });

  describe('refusals', () => {
    it.each([
      [
        'more of a line than is left of it',
        'LINE_OVER_CREDITED',
        (ids: string[]) => [{ invoiceLineId: ids[2], amountMinor: '1235' }],
      ],
      [
        'the same line twice, adding up past it',
        'LINE_OVER_CREDITED',
        (ids: string[]) => [
          { invoiceLineId: ids[2], amountMinor: '1000' },
          { invoiceLineId: ids[2], amountMinor: '235' },
        ],
      ],
      ['more than the subtotal', 'INVOICE_OVER_CREDITED', () => [{ description: 'Goodwill', amountMinor: '8535' }]],
      ['a free-standing amount without a description', 'DESCRIPTION_REQUIRED', () => [{ amountMinor: '100' }]],
      [
        'a line of another invoice',
        'UNKNOWN_INVOICE_LINE',
        () => [{ invoiceLineId: '019ab000-0000-7000-8000-00000000beef', amountMinor: '1' }],
      ],
      ['an amount of 0', 'VALIDATION_FAILED', () => [{ description: 'Nothing', amountMinor: '0' }]],
      ['a fraction of a minor unit', 'VALIDATION_FAILED', () => [{ description: 'Half', amountMinor: '0.5' }]],
      ['no lines', 'VALIDATION_FAILED', () => []],
    ])('refuses %s with BAD_USER_INPUT, changing nothing', async (_case, reason, lines) => {
      const { tenantId, invoice, lineIds } = await openInvoice();
      const before = await auditOf(tenantId);

      expect(outcome(await credit(invoice.id, lines(lineIds)))).toBe(`BAD_USER_INPUT:${reason}`);

      expect(await creditNotesOf(invoice.id)).toEqual([]);
      expect(await invoiceNow(tenantId, invoice.id)).toMatchObject({ amountCreditedMinor: '0', status: 'OPEN' });
      expect(await auditOf(tenantId)).toEqual(before);
    });

    it('answers CONFLICT for drafts and void invoices, NOT_FOUND for an unknown invoice', async () => {
      const tenant = await newTenant();
      const draft = await draftInvoice(tenant.id);
      const voided = await finalize((await draftInvoice(tenant.id)).id);
      dataOf(await graphql(app, finance.caller, BillingOps.voidInvoice, { id: voided.id, reason: 'Duplicate' }));

      for (const id of [draft.id, voided.id]) {
        expect(outcome(await credit(id, [{ description: 'Any', amountMinor: '1' }]))).toBe(
          'CONFLICT:INVOICE_NOT_CREDITABLE',
        );
      }
      expect(
        outcome(await credit('019ab000-0000-7000-8000-00000000beef', [{ description: 'Any', amountMinor: '1' }])),
      ).toBe('NOT_FOUND');
    });

    it('will not void an invoice a credit note corrected', async () => {
      const { invoice, lineIds } = await openInvoice();
      dataOf(await credit(invoice.id, [{ invoiceLineId: lineIds[0], amountMinor: '100' }]));

      const answer = await graphql(app, finance.caller, BillingOps.voidInvoice, { id: invoice.id, reason: 'Oops' });

      expect(outcome(answer)).toBe('CONFLICT:INVOICE_HAS_CREDIT_NOTES');
    });
  });

  describe('idempotency', () => {
    it('answers a retry with the same key with the credit note issued the first time, even racing', async () => {
      const { tenantId, invoice, lineIds } = await openInvoice();
      const key = randomUUID();
      const lines = [{ invoiceLineId: lineIds[1], amountMinor: '2400' }];

      const first = dataOf(await credit(invoice.id, lines, key)).issueCreditNote;
      const retried = await Promise.all([1, 2, 3].map(() => credit(invoice.id, lines, key)));

      for (const answer of retried) expect(dataOf(answer).issueCreditNote).toEqual(first);
      expect((await creditNotesOf(invoice.id)).map((note) => note.number)).toEqual([first.number]);
      expect((await invoiceNow(tenantId, invoice.id)).amountCreditedMinor).toBe('2880');
      expect((await auditOf(tenantId)).filter((e) => e.action === 'invoice.credit_note_issued')).toHaveLength(1);
      await expectGapless();
    });

    it('issues one credit note when the first attempts race each other', async () => {
      const { invoice, lineIds } = await openInvoice();
      const key = randomUUID();
      const answers = await Promise.all(
        [1, 2, 3].map(() => credit(invoice.id, [{ invoiceLineId: lineIds[0], amountMinor: '4900' }], key)),
      );
      const ids = new Set(answers.map((answer) => dataOf(answer).issueCreditNote.id));
      expect(ids.size).toBe(1);
      expect(await creditNotesOf(invoice.id)).toHaveLength(1);
    });

    it('refuses the key of one credit note for a different one, and scopes keys to their invoice', async () => {
      const { invoice, lineIds } = await openInvoice();
      const other = await openInvoice();
      const key = randomUUID();
      dataOf(await credit(invoice.id, [{ invoiceLineId: lineIds[0], amountMinor: '100' }], key));

      expect(outcome(await credit(invoice.id, [{ invoiceLineId: lineIds[0], amountMinor: '101' }], key))).toBe(
        'CONFLICT:IDEMPOTENCY_KEY_REUSED',
      );
      expect(
        outcome(await credit(invoice.id, [{ invoiceLineId: lineIds[0], amountMinor: '100' }], key, { memo: 'x' })),
      ).toBe('CONFLICT:IDEMPOTENCY_KEY_REUSED');
      const elsewhere = dataOf(
        await credit(other.invoice.id, [{ invoiceLineId: other.lineIds[0], amountMinor: '100' }], key),
      ).issueCreditNote;
      expect(elsewhere.invoiceId).toBe(other.invoice.id);
      expect(await creditNotesOf(invoice.id)).toHaveLength(1);
    });
  });

  describe('numbers', () => {
    it('numbers credit notes of every tenant from one gapless yearly sequence, even when they race', async () => {
      const invoices = await Promise.all([1, 2, 3, 4, 5, 6].map(() => openInvoice()));
      const issuing = app.app.get(CreditNoteIssuing);

      const notes = await Promise.all(
        invoices.flatMap(({ invoice, lineIds }) =>
          [0, 1].map((index) => issuing.issue(financeActor(), request(invoice.id, lineIds[index], 100n), randomUUID())),
        ),
      );

      const sequences = notes.map((note) => Number(NUMBER.exec(note.number)?.[2]));
      expect(new Set(sequences).size).toBe(notes.length);
      const byNumber = [...notes].sort((a, b) => a.number.localeCompare(b.number));
      const times = byNumber.map((note) => note.issuedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      await expectGapless();
    });

    it('gives the number back when issuing fails after taking it', async () => {
      const { tenantId, invoice, lineIds } = await openInvoice();
      let numberInFailedTransaction: string | null = null;
      jest.spyOn(app.app.get(AuditLog), 'record').mockImplementationOnce(async (tx) => {
        numberInFailedTransaction = (await tx.creditNote.findFirstOrThrow({ where: { invoiceId: invoice.id } })).number;
        throw new Error('the audit log is unavailable');
      });

      await expect(
        app.app.get(CreditNoteIssuing).issue(financeActor(), request(invoice.id, lineIds[0], 100n), randomUUID()),
      ).rejects.toThrow('unavailable');

      expect(numberInFailedTransaction).toMatch(NUMBER);
      expect(await creditNotesOf(invoice.id)).toEqual([]);
      expect((await invoiceNow(tenantId, invoice.id)).amountCreditedMinor).toBe('0');
      await expectGapless();
    });
  });

  it('tells the payment provider in the same transaction', async () => {
    const { tenantId, invoice, lineIds } = await openInvoice();
    const record = jest.spyOn(app.app.get(BillingEvents), 'record');

    const note = dataOf(await credit(invoice.id, [{ invoiceLineId: lineIds[0], amountMinor: '100' }])).issueCreditNote;

    expect(record).toHaveBeenCalledWith(expect.anything(), tenantId, {
      kind: 'credit_note.issued',
      creditNoteId: note.id,
    });
  });

  it('keeps an issued credit note and its lines immutable, even for the tables’ owner', async () => {
    const { invoice, lineIds } = await openInvoice();
    const note = dataOf(await credit(invoice.id, [{ invoiceLineId: lineIds[0], amountMinor: '100' }])).issueCreditNote;

    await expect(
      ownerClient().creditNote.update({
        where: { tenantId_id: { tenantId: note.tenantId, id: note.id } },
        data: { memo: 'changed' },
      }),
    ).rejects.toThrow(/append-only/);
    await expect(ownerClient().creditNoteLine.deleteMany({ where: { creditNoteId: note.id } })).rejects.toThrow(
      /append-only/,
    );
  });
});

function request(invoiceId: string, invoiceLineId: string, amountMinor: bigint): CreditNoteRequest {
  return { invoiceId, reason: 'OTHER', memo: null, lines: [{ invoiceLineId, description: null, amountMinor }] };
}
