import { Injectable } from '@nestjs/common';
import { type InvoiceStatus, PlatformDatabase } from '@warbler/api/core';
import { invoiceNotFound } from '../shared/billing-errors';
import { afterCursor } from '../shared/invoice-cursor';
import { INVOICE_INCLUDE, INVOICE_ORDER, type InvoiceRow } from '../shared/invoice-rows';

export interface FinanceInvoiceFilter {
  status?: InvoiceStatus | null;
  tenantId?: string | null;
}

/** Every tenant's invoices for the finance desk, read with the platform client (staff permission only). */
@Injectable()
export class FinanceInvoices {
  constructor(private readonly platform: PlatformDatabase) {}

  /** Newest period first, drafts included; `first + 1` rows, the last only telling whether another page exists. */
  page(filter: FinanceInvoiceFilter, first: number, after?: string | null): Promise<InvoiceRow[]> {
    return this.platform.client.invoice.findMany({
      where: {
        status: filter.status ?? undefined,
        tenantId: filter.tenantId ?? undefined,
        ...afterCursor(after),
      },
      include: INVOICE_INCLUDE,
      orderBy: [...INVOICE_ORDER],
      take: first + 1,
    });
  }

  /** Any tenant's invoice, drafts included. */
  async get(id: string): Promise<InvoiceRow> {
    const invoice = await this.platform.client.invoice.findFirst({ where: { id }, include: INVOICE_INCLUDE });
    if (!invoice) throw invoiceNotFound();
    return invoice;
  }
}
