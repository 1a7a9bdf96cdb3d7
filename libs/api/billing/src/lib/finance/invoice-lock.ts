import type { Prisma } from '@warbler/api/core';
import { invoiceNotFound } from '../shared/billing-errors';
import { INVOICE_INCLUDE, type InvoiceRow } from '../shared/invoice-rows';

/**
 * Locks an invoice of any tenant until the transaction ends, then reads it as it is under the lock.
 * Every status transition takes it first, so two finalizations, payments or voids of one invoice run
 * one after the other and the second sees what the first did.
 */
export async function lockInvoice(tx: Prisma.TransactionClient, id: string): Promise<InvoiceRow> {
  const [locked] = await tx.$queryRaw<{ tenant_id: string }[]>`
    SELECT tenant_id FROM invoices WHERE id = ${id}::uuid FOR UPDATE`;
  if (!locked) throw invoiceNotFound();
  return tx.invoice.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: locked.tenant_id, id } },
    include: INVOICE_INCLUDE,
  });
}
