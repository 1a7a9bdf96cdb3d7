export * from './lib/billing.module';
export { InvoiceAction } from './lib/shared/invoice-audit';
