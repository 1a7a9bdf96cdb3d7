import type { CreditableInvoice } from '@warbler/shared/pricing';
import type { InvoiceRow } from '../shared/invoice-rows';

/** An issued invoice with what its credit notes so far took back, overall and from each line. */
export function creditableInvoice(invoice: InvoiceRow): CreditableInvoice {
  const creditedPerLine = new Map<string, bigint>();
  for (const line of invoice.creditNotes.flatMap((note) => note.lines)) {
    if (line.invoiceLineId === null) continue;
    creditedPerLine.set(line.invoiceLineId, (creditedPerLine.get(line.invoiceLineId) ?? 0n) + line.amountMinor);
  }
  return {
    currency: invoice.currency,
    subtotalMinor: invoice.subtotalMinor,
    taxMinor: invoice.taxMinor,
    taxRatePercent: invoice.taxRatePercent?.toFixed() ?? null,
    lines: invoice.lines.map((line) => ({
      id: line.id,
      amountMinor: line.amountMinor,
      creditedMinor: creditedPerLine.get(line.id) ?? 0n,
    })),
    creditedSubtotalMinor: invoice.creditNotes.reduce((sum, note) => sum + note.subtotalMinor, 0n),
    creditedTaxMinor: invoice.creditNotes.reduce((sum, note) => sum + note.taxMinor, 0n),
  };
}
