import { registerEnumType } from '@nestjs/graphql';
import { InvoiceLineKind, InvoiceStatus } from '@warbler/api/core';

/** How a payment reached us; the values are what invoice_payments.method stores. */
export enum PaymentMethod {
  BANK_TRANSFER = 'bank_transfer',
  CARD = 'card',
  OTHER = 'other',
}

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'DRAFT until finalized; OPEN (numbered, immutable) until PAID in full or VOID',
});
registerEnumType(InvoiceLineKind, { name: 'InvoiceLineKind' });
registerEnumType(PaymentMethod, { name: 'PaymentMethod' });

export { InvoiceLineKind, InvoiceStatus };
