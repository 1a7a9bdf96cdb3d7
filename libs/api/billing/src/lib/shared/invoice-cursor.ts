import { badInput, type Prisma } from '@warbler/api/core';

/** Where a page of invoices ended, in the order INVOICE_ORDER gives them. */
export interface InvoiceCursor {
  periodStart: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: they pass back what a page's endCursor gave them. */
export function encodeInvoiceCursor({ periodStart, id }: InvoiceCursor): string {
  return Buffer.from(`${periodStart.toISOString()}|${id}`, 'utf8').toString('base64url');
}

export function decodeInvoiceCursor(cursor: string): InvoiceCursor {
  const [iso, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const periodStart = new Date(iso ?? '');
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(periodStart.getTime())) {
    throw badInput('after must be a cursor returned by a page of invoices', 'INVALID_CURSOR');
  }
  return { periodStart, id };
}

/** The invoices after the cursor: older periods, or the same period with a smaller id. */
export function afterCursor(after: string | null | undefined): Prisma.InvoiceWhereInput {
  if (!after) return {};
  const { periodStart, id } = decodeInvoiceCursor(after);
  return { OR: [{ periodStart: { lt: periodStart } }, { periodStart, id: { lt: id } }] };
}
