import { registerEnumType } from '@nestjs/graphql';
import { CreditNoteReason, InvoiceLineKind, InvoiceStatus } from '@warbler/api/core';

/** How a payment reached us; the values are what invoice_payments.method stores. */
export enum PaymentMethod {
  BANK_TRANSFER = 'bank_transfer',
  CARD = 'card',
  OTHER = 'other',
}

/** What a credit note did with the money; the values are what credit_notes.settlement stores. */
export enum CreditNoteSettlement {
  AMOUNT_DUE = 'amount_due',
  REFUND = 'refund',
}

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'DRAFT until finalized; OPEN (numbered, immutable) until PAID in full or VOID',
});
registerEnumType(InvoiceLineKind, { name: 'InvoiceLineKind' });
registerEnumType(PaymentMethod, { name: 'PaymentMethod' });
registerEnumType(CreditNoteReason, { name: 'CreditNoteReason' });
registerEnumType(CreditNoteSettlement, {
  name: 'CreditNoteSettlement',
  description: 'AMOUNT_DUE: lowered what an open invoice asked for; REFUND: money paid is given back',
});

export { CreditNoteReason, InvoiceLineKind, InvoiceStatus };
