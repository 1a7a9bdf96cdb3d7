import { Injectable } from '@nestjs/common';
import { abilityOf } from '@warbler/api/access';
import { type Actor, Database, notFound, PlatformDatabase, type Prisma } from '@warbler/api/core';
import { FinanceInvoices } from '../finance/finance-invoices.service';
import { invoiceNotFound } from '../shared/billing-errors';
import { CREDIT_NOTE_INCLUDE, type InvoiceRow } from '../shared/invoice-rows';
import { inTenant } from '../tenant/in-tenant';
import { TenantInvoices } from '../tenant/tenant-invoices.service';
import type { CreditNoteWithInvoice } from './billing-document';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CREDIT_NOTE_WITH_INVOICE = {
  ...CREDIT_NOTE_INCLUDE,
  invoice: { select: { number: true, taxRatePercent: true, tenant: { select: { name: true } } } },
} as const satisfies Prisma.CreditNoteInclude;

const creditNoteNotFound = () => notFound('Credit note');

/**
 * The invoices and credit notes a caller may download. Finance and platform staff read any tenant's
 * with the platform client, drafts included (their documents say DRAFT); everyone else reads their
 * tenant's issued ones under row-level security, so another tenant's and a draft are NOT_FOUND alike.
 */
@Injectable()
export class DocumentReads {
  constructor(
    private readonly db: Database,
    private readonly platform: PlatformDatabase,
    private readonly tenantInvoices: TenantInvoices,
    private readonly financeInvoices: FinanceInvoices,
  ) {}

  invoice(actor: Actor, id: string): Promise<InvoiceRow> {
    if (!UUID.test(id)) throw invoiceNotFound();
    return acrossTenants(actor) ? this.financeInvoices.get(id) : this.tenantInvoices.get(inTenant(actor), id);
  }

  async creditNote(actor: Actor, id: string): Promise<CreditNoteWithInvoice> {
    if (!UUID.test(id)) throw creditNoteNotFound();
    const query = { where: { id }, include: CREDIT_NOTE_WITH_INVOICE };
    const note = acrossTenants(actor)
      ? await this.platform.client.creditNote.findFirst(query)
      : await this.db.forTenant(inTenant(actor)).creditNote.findFirst(query);
    if (!note) throw creditNoteNotFound();
    return note;
  }
}

function acrossTenants(actor: Actor): boolean {
  return abilityOf(actor).can('readAcrossTenants', 'Invoice');
}
