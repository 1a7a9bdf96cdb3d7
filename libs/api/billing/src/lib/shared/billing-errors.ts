import { badInput, conflict, notFound, type InvoiceStatus } from '@warbler/api/core';
import { formatMinor } from '@warbler/shared/pricing';

/** Another tenant's invoice, and a tenant's own draft, are unknown to a tenant: NOT_FOUND either way. */
export const invoiceNotFound = () => notFound('Invoice');

/** Finalizing twice answers this, never a second number. */
export const notADraft = (status: InvoiceStatus, number: string | null) =>
  conflict(
    `${number ? `Invoice ${number}` : 'The invoice'} is ${status}: only a draft can be finalized`,
    'INVOICE_NOT_DRAFT',
  );

export const notOpen = (status: InvoiceStatus) =>
  conflict(`The invoice is ${status}: payments are recorded against open invoices only`, 'INVOICE_NOT_OPEN');

export const notVoidable = (status: InvoiceStatus) =>
  conflict(
    `The invoice is ${status}: only a draft, an open invoice or one paid by prepaid credits alone can be voided`,
    'INVOICE_NOT_VOIDABLE',
  );

export const hasPayments = () =>
  conflict(
    'Payments are recorded against this invoice; it can no longer be voided (issue a credit note instead)',
    'INVOICE_HAS_PAYMENTS',
  );

export const hasCreditNotes = () =>
  conflict(
    'Credit notes were issued against this invoice; it can no longer be voided (credit the rest instead)',
    'INVOICE_HAS_CREDIT_NOTES',
  );

export const overpayment = (amountDueMinor: bigint, currency: string) =>
  badInput(
    `The payment is more than the ${formatMinor(amountDueMinor, currency)} ${currency} still due`,
    'OVERPAYMENT',
    { amountDueMinor: amountDueMinor.toString(), currency },
  );
