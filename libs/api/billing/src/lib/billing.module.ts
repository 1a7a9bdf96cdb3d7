import { Module } from '@nestjs/common';
import { AuditModule } from '@warbler/api/audit';
import { CatalogModule } from '@warbler/api/catalog';
import { PlatformDatabaseModule } from '@warbler/api/core';
import { FinanceInvoicesResolver } from './finance/finance-invoices.resolver';
import { FinanceInvoices } from './finance/finance-invoices.service';
import { InvoiceFinalization } from './finance/invoice-finalization';
import { InvoicePayments } from './finance/invoice-payments';
import { InvoiceVoiding } from './finance/invoice-voiding';
import { InvoiceDrafting } from './period-close/invoice-drafting';
import { BillingEvents } from './providers/billing-events';
import { TenantInvoicesResolver } from './tenant/tenant-invoices.resolver';
import { TenantInvoices } from './tenant/tenant-invoices.service';

/**
 * Invoices: drafted at period close (hooked into the catalog's subscription rollover), read by the
 * tenant, finalized, voided and paid by finance. Tenant reads go through Database under row-level
 * security; drafting and the finance desk are cross-tenant and use the platform client behind staff
 * permissions.
 */
@Module({
  imports: [AuditModule, CatalogModule, PlatformDatabaseModule],
  providers: [
    BillingEvents,
    InvoiceDrafting,
    TenantInvoices,
    TenantInvoicesResolver,
    FinanceInvoices,
    InvoiceFinalization,
    InvoiceVoiding,
    InvoicePayments,
    FinanceInvoicesResolver,
  ],
})
export class BillingModule {}
