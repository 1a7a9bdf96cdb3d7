import { badInput, conflict, type InvoiceStatus } from '@warbler/api/core';
import { type CreditNoteRefusal, formatMinor } from '@warbler/shared/pricing';

export const notCreditable = (status: InvoiceStatus) =>
  conflict(`The invoice is ${status}: credit notes correct open or paid invoices only`, 'INVOICE_NOT_CREDITABLE');

export const idempotencyKeyReused = () =>
  conflict(
    'This idempotency key was used for a different credit note of this invoice; use a new key for a new credit note',
    'IDEMPOTENCY_KEY_REUSED',
  );

export const descriptionRequired = (index: number) =>
  badInput(`lines[${index}]: a free-standing amount needs a description`, 'DESCRIPTION_REQUIRED', { index });

/** A credit note on an open invoice lowers what is due; money already paid needs a refund once it is paid. */
export const exceedsAmountDue = (amountDueMinor: bigint, currency: string) =>
  badInput(
    `On an open invoice a credit note can take back at most the ${formatMinor(amountDueMinor, currency)} ${currency} still due`,
    'CREDIT_EXCEEDS_AMOUNT_DUE',
    { amountDueMinor: amountDueMinor.toString(), currency },
  );

export function creditRefused(refusal: CreditNoteRefusal, currency: string) {
  const money = (minor: bigint) => `${formatMinor(minor, currency)} ${currency}`;
  switch (refusal.reason) {
    case 'NO_LINES':
      return badInput('A credit note needs at least one line', refusal.reason);
    case 'AMOUNT_NOT_POSITIVE':
      return badInput(`lines[${refusal.index}]: the amount must be above 0`, refusal.reason, { index: refusal.index });
    case 'UNKNOWN_INVOICE_LINE':
      return badInput(`lines[${refusal.index}]: the invoice has no such line`, refusal.reason, {
        index: refusal.index,
        invoiceLineId: refusal.invoiceLineId,
      });
    case 'LINE_OVER_CREDITED':
      return badInput(
        `At most ${money(refusal.creditableMinor)} of that invoice line is left to credit`,
        refusal.reason,
        {
          invoiceLineId: refusal.invoiceLineId,
          creditableMinor: refusal.creditableMinor.toString(),
          currency,
        },
      );
    case 'INVOICE_OVER_CREDITED':
      return badInput(
        `At most ${money(refusal.creditableMinor)} of the invoice's subtotal is left to credit`,
        refusal.reason,
        { creditableMinor: refusal.creditableMinor.toString(), currency },
      );
  }
}
