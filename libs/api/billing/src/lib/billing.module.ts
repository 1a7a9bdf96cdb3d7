import { Module } from '@nestjs/common';
import { AuditModule, PlatformAuditModule } from '@warbler/api/audit';
import { CatalogModule } from '@warbler/api/catalog';
import { PlatformDatabaseModule } from '@warbler/api/core';
import { NotificationsModule } from '@warbler/api/notifications';
import { WebhookEventsModule } from '@warbler/api/webhooks';
import { BillingTermsResolver } from './commitments/billing-terms.resolver';
import { FinanceBillingTerms } from './commitments/finance-billing-terms';
import { SpendingControls } from './commitments/spending-controls';
import { SpendingResolver } from './commitments/spending.resolver';
import { CreditNoteIssuing } from './credit-notes/credit-note-issuing';
import { CouponCatalog } from './discounts/coupon-catalog';
import { CouponRedemptions } from './discounts/coupon-redemptions';
import { CouponsResolver } from './discounts/coupons.resolver';
import { DiscountsResolver } from './discounts/discounts.resolver';
import { CreditExpiryJob } from './credits/credit-expiry-job';
import { CreditGranting } from './credits/credit-granting';
import { CreditMovements } from './credits/credit-movements';
import { CreditReads } from './credits/credit-reads';
import { FinanceCreditsResolver } from './credits/finance-credits.resolver';
import { TenantCreditsResolver } from './credits/tenant-credits.resolver';
import { CreditNotesResolver } from './credit-notes/credit-notes.resolver';
import { DocumentReads } from './documents/document-reads';
import { DocumentsController } from './documents/documents.controller';
import { BillingSystemActor } from './dunning/billing-system-actor';
import { DunningJob } from './dunning/dunning-job';
import { PastDue } from './dunning/past-due';
import { TenantSuspensions } from './dunning/tenant-suspensions';
import { INVOICE_ISSUER, loadInvoiceIssuer } from './documents/invoice-issuer';
import { FinanceInvoicesResolver } from './finance/finance-invoices.resolver';
import { FinanceInvoices } from './finance/finance-invoices.service';
import { InvoiceFinalization } from './finance/invoice-finalization';
import { InvoicePayments } from './finance/invoice-payments';
import { InvoiceVoiding } from './finance/invoice-voiding';
import { TaxRatesResolver } from './finance/tax-rates.resolver';
import { TenantTaxRates } from './finance/tenant-tax-rates';
import { InvoiceDrafting } from './period-close/invoice-drafting';
import { BillingEvents } from './providers/billing-events';
import { PaymentMethodSessions } from './providers/payment-method-sessions';
import { PaymentMethodsResolver } from './providers/payment-methods.resolver';
import { PeriodCloseEvents } from './providers/period-close-events';
import { ProviderOutbox } from './providers/provider-outbox';
import { StripeCatalog } from './providers/stripe-catalog';
import { StripeCreditNoteMirror } from './providers/stripe-credit-note-mirror';
import { StripeCustomers } from './providers/stripe-customers';
import { StripeGateway } from './providers/stripe-gateway';
import { StripeInvoiceMirror } from './providers/stripe-invoice-mirror';
import { StripeMirrorBackfill } from './providers/stripe-mirror-backfill';
import { StripeOutboxHandlers } from './providers/stripe-outbox-handlers';
import { StripeSubscriptionMirror } from './providers/stripe-subscription-mirror';
import { StripeUsageReports } from './providers/stripe-usage-reports';
import { PlanMoves } from './plan-moves/plan-moves.service';
import { PlanMovesResolver } from './plan-moves/plan-moves.resolver';
import { ScheduledChangeEvents } from './subscriptions/scheduled-change-events';
import { SubscriptionChanges } from './subscriptions/subscription-changes.service';
import { SubscriptionsResolver } from './subscriptions/subscriptions.resolver';
import { TenantInvoicesResolver } from './tenant/tenant-invoices.resolver';
import { TenantInvoices } from './tenant/tenant-invoices.service';
import { TenantTaxRateResolver } from './tenant/tenant-tax-rate.resolver';
import { TenantTaxRateReader } from './tenant/tenant-tax-rate.service';
import { InvoiceReconciliation } from './webhooks/invoice-reconciliation';
import { PaymentMethodReconciliation } from './webhooks/payment-method-reconciliation';
import { StripeReconciliation } from './webhooks/stripe-reconciliation';
import { StripeWebhookController } from './webhooks/stripe-webhook.controller';
import { StripeWebhookInbox } from './webhooks/stripe-webhook-inbox';
import { SubscriptionReconciliation } from './webhooks/subscription-reconciliation';

/**
 * Invoices: drafted at period close (hooked into the catalog's subscription rollover), read by the
 * tenant, finalized, voided and paid by finance. Tenant reads go through Database under row-level
 * security; drafting and the finance desk are cross-tenant and use the platform client behind staff
 * permissions.
 */
@Module({
  imports: [
    AuditModule,
    CatalogModule,
    NotificationsModule,
    PlatformAuditModule,
    PlatformDatabaseModule,
    WebhookEventsModule,
  ],
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
    CreditNoteIssuing,
    CreditNotesResolver,
    CouponCatalog,
    CouponsResolver,
    CouponRedemptions,
    DiscountsResolver,
    CreditMovements,
    CreditGranting,
    CreditReads,
    CreditExpiryJob,
    TenantCreditsResolver,
    FinanceCreditsResolver,
    TenantTaxRates,
    TaxRatesResolver,
    TenantTaxRateReader,
    TenantTaxRateResolver,
    FinanceBillingTerms,
    BillingTermsResolver,
    SpendingControls,
    SpendingResolver,
    DocumentReads,
    { provide: INVOICE_ISSUER, useFactory: () => loadInvoiceIssuer() },
    SubscriptionChanges,
    SubscriptionsResolver,
    ScheduledChangeEvents,
    PlanMoves,
    PlanMovesResolver,
    BillingSystemActor,
    TenantSuspensions,
    PastDue,
    DunningJob,
    StripeGateway,
    StripeCustomers,
    StripeCatalog,
    StripeSubscriptionMirror,
    StripeInvoiceMirror,
    StripeCreditNoteMirror,
    StripeUsageReports,
    StripeOutboxHandlers,
    ProviderOutbox,
    StripeMirrorBackfill,
    PeriodCloseEvents,
    PaymentMethodSessions,
    PaymentMethodsResolver,
    InvoiceReconciliation,
    PaymentMethodReconciliation,
    SubscriptionReconciliation,
    StripeReconciliation,
    StripeWebhookInbox,
  ],
  controllers: [DocumentsController, StripeWebhookController],
})
export class BillingModule {}
