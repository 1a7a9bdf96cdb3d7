import { type Actor, PlatformDatabase, type PrismaClient, type TenantTx } from '@warbler/api/core';
import {
  closeOwnerClient,
  draftInvoice,
  newTenant,
  ownerClient,
  signedInStaffAs,
  startTestApp,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';
import { InvoiceFinalization } from './finance/invoice-finalization';
import { InvoicePayments } from './finance/invoice-payments';
import { PaymentMethod } from './graphql/billing-enums';

const IMMUTABLE = /its number, amounts and terms are immutable/;
const LINES_OF_DRAFTS = /invoice lines change only on a draft/;

/** Direct SQL against issued invoices, as each role: the database itself keeps them as issued. */
describe('an issued invoice is immutable', () => {
  let app: TestApp;
  let platform: PrismaClient;
  let financeActor: Actor;
  let tenantId: string;
  let open: { id: string };
  let draft: { id: string };

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    platform = app.app.get(PlatformDatabase).client;
    const finance = await signedInStaffAs('FINANCE');
    financeActor = {
      userId: finance.user.id,
      email: finance.user.email,
      sessionId: 'immutability',
      staffRole: 'FINANCE',
      tenantId: null,
      tenantRole: null,
      membershipId: null,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId: 'immutability',
      ip: null,
    };
    tenantId = (await newTenant()).id;
    open = await app.app.get(InvoiceFinalization).finalize(financeActor, (await draftInvoice(tenantId, 5_000n)).id);
    draft = await draftInvoice(tenantId, 5_000n);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe('as the owner of the tables', () => {
    const owner = () => ownerClient();

    it.each([
      [
        'its total',
        (id: string) =>
          owner().$executeRaw`UPDATE invoices SET total_minor = 1, subtotal_minor = 1 WHERE id = ${id}::uuid`,
      ],
      [
        'its number',
        (id: string) => owner().$executeRaw`UPDATE invoices SET number = 'WB-2000-000001' WHERE id = ${id}::uuid`,
      ],
      [
        'its period',
        (id: string) =>
          owner().$executeRaw`UPDATE invoices SET period_end = period_end + interval '1 day' WHERE id = ${id}::uuid`,
      ],
      [
        'its status back to DRAFT',
        (id: string) => owner().$executeRaw`UPDATE invoices SET status = 'DRAFT' WHERE id = ${id}::uuid`,
      ],
    ])('refuses to change %s', async (_what, change) => {
      await expect(change(open.id)).rejects.toThrow(/immutable|cannot go from OPEN back to DRAFT/);
    });

    it('refuses to delete it', async () => {
      await expect(owner().$executeRaw`DELETE FROM invoices WHERE id = ${open.id}::uuid`).rejects.toThrow(
        /only a draft can be deleted/,
      );
    });

    it('refuses to add, change or remove its lines', async () => {
      await expect(
        owner().$executeRaw`UPDATE invoice_lines SET amount_minor = 1 WHERE invoice_id = ${open.id}::uuid`,
      ).rejects.toThrow(LINES_OF_DRAFTS);
      await expect(owner().$executeRaw`DELETE FROM invoice_lines WHERE invoice_id = ${open.id}::uuid`).rejects.toThrow(
        LINES_OF_DRAFTS,
      );
      await expect(
        owner().$executeRaw`
          INSERT INTO invoice_lines (tenant_id, id, invoice_id, position, kind, description, quantity, unit_price, amount_minor, period_start, period_end)
          SELECT tenant_id, gen_random_uuid(), id, 2, 'BASE_FEE', 'sneaked in', 1, 1, 100, period_start, period_end
          FROM invoices WHERE id = ${open.id}::uuid`,
      ).rejects.toThrow(LINES_OF_DRAFTS);
    });

    it('refuses any change once it is paid, and lets no payment be rewritten', async () => {
      const paid = await app.app
        .get(InvoiceFinalization)
        .finalize(financeActor, (await draftInvoice(tenantId, 300n)).id);
      await app.app
        .get(InvoicePayments)
        .record(financeActor, paid.id, { amountMinor: 300n, method: PaymentMethod.CARD });

      await expect(
        owner()
          .$executeRaw`UPDATE invoices SET status = 'VOID', voided_at = now(), void_reason = 'x', amount_paid_minor = 0 WHERE id = ${paid.id}::uuid`,
      ).rejects.toThrow(/is PAID: it cannot change any more/);
      await expect(
        owner().$executeRaw`UPDATE invoice_payments SET amount_minor = 1 WHERE invoice_id = ${paid.id}::uuid`,
      ).rejects.toThrow(/append-only/);
      await expect(
        owner().$executeRaw`DELETE FROM invoice_payments WHERE invoice_id = ${paid.id}::uuid`,
      ).rejects.toThrow(/append-only/);
    });

    it('still lets a draft’s lines change, since nothing was issued yet', async () => {
      await expect(
        owner().$executeRaw`UPDATE invoice_lines SET description = 'Corrected' WHERE invoice_id = ${draft.id}::uuid`,
      ).resolves.toBe(1);
    });
  });

  describe('as warbler_app, the API role', () => {
    const asApp = (statement: (tx: TenantTx) => Promise<unknown>) =>
      app.db.forTenant({ tenantId }).transaction(statement);

    it('may read its tenant’s invoices but write none of them', async () => {
      await expect(asApp((tx) => tx.invoice.count())).resolves.toBeGreaterThanOrEqual(2);
      await expect(
        asApp((tx) => tx.$executeRaw`UPDATE invoices SET status = 'VOID' WHERE id = ${open.id}::uuid`),
      ).rejects.toThrow(/permission denied for table invoices/);
      await expect(
        asApp((tx) => tx.$executeRaw`UPDATE invoice_lines SET amount_minor = 1 WHERE invoice_id = ${draft.id}::uuid`),
      ).rejects.toThrow(/permission denied for table invoice_lines/);
      await expect(
        asApp((tx) => tx.$executeRaw`DELETE FROM invoice_payments WHERE invoice_id = ${open.id}::uuid`),
      ).rejects.toThrow(/permission denied for table invoice_payments/);
      await expect(asApp((tx) => tx.$executeRaw`SELECT * FROM app_take_invoice_number()`)).rejects.toThrow(
        /permission denied for function app_take_invoice_number/,
      );
    });
  });

  describe('as warbler_platform, the finance role', () => {
    it('may change only the columns of a status transition, and the trigger guards those too', async () => {
      await expect(
        platform.$executeRaw`UPDATE invoices SET total_minor = 1 WHERE id = ${open.id}::uuid`,
      ).rejects.toThrow(/permission denied for table invoices/);
      await expect(
        platform.$executeRaw`UPDATE invoices SET number = 'WB-2000-000001' WHERE id = ${open.id}::uuid`,
      ).rejects.toThrow(IMMUTABLE);
      await expect(
        platform.$executeRaw`UPDATE invoice_lines SET amount_minor = 1 WHERE invoice_id = ${draft.id}::uuid`,
      ).rejects.toThrow(/permission denied for table invoice_lines/);
    });

    it('reaches the number sequence only through app_take_invoice_number', async () => {
      await expect(platform.$executeRaw`UPDATE invoice_number_sequences SET next_value = 1`).rejects.toThrow(
        /permission denied for table invoice_number_sequences/,
      );
    });
  });
});
