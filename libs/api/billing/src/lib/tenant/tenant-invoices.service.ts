import { Injectable } from '@nestjs/common';
import { Database, type TenantActor } from '@warbler/api/core';
import { invoiceNotFound } from '../shared/billing-errors';
import { afterCursor } from '../shared/invoice-cursor';
import { INVOICE_INCLUDE, INVOICE_ORDER, type InvoiceRow } from '../shared/invoice-rows';

/**
 * A tenant's own invoices, read as warbler_app under row-level security. Drafts are finance's work in
 * progress and may still be voided, so a tenant sees an invoice once it is issued (it has a number).
 */
const ISSUED = { number: { not: null } } as const;

@Injectable()
export class TenantInvoices {
  constructor(private readonly db: Database) {}

  /** Newest period first; `first + 1` rows, the last only telling whether another page exists. */
  page(actor: TenantActor, first: number, after?: string | null): Promise<InvoiceRow[]> {
    return this.db.forTenant(actor).invoice.findMany({
      where: { ...ISSUED, ...afterCursor(after) },
      include: INVOICE_INCLUDE,
      orderBy: [...INVOICE_ORDER],
      take: first + 1,
    });
  }

  async get(actor: TenantActor, id: string): Promise<InvoiceRow> {
    const invoice = await this.db.forTenant(actor).invoice.findFirst({
      where: { ...ISSUED, id },
      include: INVOICE_INCLUDE,
    });
    if (!invoice) throw invoiceNotFound();
    return invoice;
  }
}
