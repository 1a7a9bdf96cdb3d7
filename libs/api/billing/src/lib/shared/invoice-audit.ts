import type { AuditState } from '@warbler/api/audit';
import type { InvoiceModel as StoredInvoice } from '@warbler/api/core';

/** The audit actions of invoices, recorded in the tenant's own log whoever acted. */
export const InvoiceAction = {
  finalized: 'invoice.finalized',
  voided: 'invoice.voided',
  paymentRecorded: 'invoice.payment_recorded',
  creditNoteIssued: 'invoice.credit_note_issued',
} as const;

export const INVOICE_TARGET = 'Invoice';

/** The fields a status transition changes, in the form the audit log keeps. */
export function invoiceState(invoice: StoredInvoice): AuditState {
  return {
    status: invoice.status,
    number: invoice.number,
    totalMinor: invoice.totalMinor.toString(),
    currency: invoice.currency,
    amountPaidMinor: invoice.amountPaidMinor.toString(),
    amountCreditedMinor: invoice.amountCreditedMinor.toString(),
    creditsAppliedMinor: invoice.creditsAppliedMinor.toString(),
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    paidAt: invoice.paidAt,
    voidedAt: invoice.voidedAt,
    voidReason: invoice.voidReason,
  };
}
