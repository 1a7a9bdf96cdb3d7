import { minorUnitsOf } from './currencies';
import { parseTermsDecimal } from './decimals';
import { minorToMajor, roundToMinor } from './money';

/** One line of an issued invoice, with what earlier credit notes already took from it. */
export interface CreditableLine {
  id: string;
  amountMinor: bigint;
  creditedMinor: bigint;
}

/** An issued invoice as a new credit note sees it: what it charged and what earlier credit notes took back. */
export interface CreditableInvoice {
  currency: string;
  subtotalMinor: bigint;
  taxMinor: bigint;
  /** Percent, decimal text; null: the invoice carries no tax. */
  taxRatePercent: string | null;
  lines: readonly CreditableLine[];
  /** The subtotals of the invoice's earlier credit notes, added up. */
  creditedSubtotalMinor: bigint;
  /** Their taxes, added up. */
  creditedTaxMinor: bigint;
}

/** A part of an invoice line (`invoiceLineId`), or a free-standing amount (null). */
export interface CreditLineRequest {
  invoiceLineId: string | null;
  amountMinor: bigint;
}

export interface CreditNoteTotals {
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

/** Why a credit note cannot be issued as asked; `index` is the position of the line in the request, from 0. */
export type CreditNoteRefusal =
  | { reason: 'NO_LINES' }
  | { reason: 'AMOUNT_NOT_POSITIVE'; index: number }
  | { reason: 'UNKNOWN_INVOICE_LINE'; index: number; invoiceLineId: string }
  | { reason: 'LINE_OVER_CREDITED'; invoiceLineId: string; creditableMinor: bigint }
  | { reason: 'INVOICE_OVER_CREDITED'; creditableMinor: bigint };

export type CreditNoteFigures = { ok: true; totals: CreditNoteTotals } | { ok: false; refusal: CreditNoteRefusal };

function taxRateOf(invoice: CreditableInvoice) {
  if (invoice.taxRatePercent === null) return null;
  const parsed = parseTermsDecimal(invoice.taxRatePercent);
  if (!parsed.ok || parsed.value.lt(0)) throw new RangeError(`tax rate ${JSON.stringify(invoice.taxRatePercent)}`);
  return parsed.value;
}

/**
 * The tax that credit notes of an invoice have taken back once they have credited `creditedSubtotalMinor`
 * of it in all: the invoice's rate on that subtotal, rounded once, half-even, and never more than the
 * invoice's tax. Crediting the whole subtotal gives exactly the invoice's tax, so an invoice credited in
 * any number of parts gives back exactly what it charged.
 */
export function taxCreditedAt(invoice: CreditableInvoice, creditedSubtotalMinor: bigint): bigint {
  minorUnitsOf(invoice.currency);
  if (creditedSubtotalMinor >= invoice.subtotalMinor) return invoice.taxMinor;
  const rate = taxRateOf(invoice);
  if (rate === null || creditedSubtotalMinor <= 0n) return 0n;
  const tax = roundToMinor(
    minorToMajor(creditedSubtotalMinor, invoice.currency).times(rate).div(100),
    invoice.currency,
  );
  return tax < invoice.taxMinor ? tax : invoice.taxMinor;
}

/**
 * The figures of a new credit note, or why it cannot be issued. A line never takes more from an
 * invoice line than the line's amount less what earlier credit notes took from it (lines of one
 * request naming the same invoice line add up); the credit note's subtotal never takes more than the
 * invoice's subtotal less earlier credits. Its tax is the difference between the tax credited after
 * it and before it (`taxCreditedAt`), so rounding happens once on the running credited subtotal rather
 * than once per credit note, and the parts always add up to the invoice's tax.
 */
export function creditNoteFigures(
  invoice: CreditableInvoice,
  requested: readonly CreditLineRequest[],
): CreditNoteFigures {
  if (requested.length === 0) return { ok: false, refusal: { reason: 'NO_LINES' } };
  const lines = new Map(invoice.lines.map((line) => [line.id, line]));
  const takenPerLine = new Map<string, bigint>();
  let subtotalMinor = 0n;
  for (const [index, line] of requested.entries()) {
    if (line.amountMinor <= 0n) return { ok: false, refusal: { reason: 'AMOUNT_NOT_POSITIVE', index } };
    subtotalMinor += line.amountMinor;
    if (line.invoiceLineId === null) continue;
    const invoiceLine = lines.get(line.invoiceLineId);
    if (!invoiceLine) {
      return { ok: false, refusal: { reason: 'UNKNOWN_INVOICE_LINE', index, invoiceLineId: line.invoiceLineId } };
    }
    takenPerLine.set(line.invoiceLineId, (takenPerLine.get(line.invoiceLineId) ?? 0n) + line.amountMinor);
  }
  for (const [invoiceLineId, taken] of takenPerLine) {
    const line = lines.get(invoiceLineId) as CreditableLine;
    const creditableMinor = nonNegative(line.amountMinor - line.creditedMinor);
    if (taken > creditableMinor) {
      return { ok: false, refusal: { reason: 'LINE_OVER_CREDITED', invoiceLineId, creditableMinor } };
    }
  }
  const creditableMinor = nonNegative(invoice.subtotalMinor - invoice.creditedSubtotalMinor);
  if (subtotalMinor > creditableMinor) {
    return { ok: false, refusal: { reason: 'INVOICE_OVER_CREDITED', creditableMinor } };
  }
  const taxMinor = taxCreditedAt(invoice, invoice.creditedSubtotalMinor + subtotalMinor) - invoice.creditedTaxMinor;
  return { ok: true, totals: { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor } };
}

/**
 * What an issued invoice still asks for: its total less the prepaid credits applied at finalization,
 * payments and credit notes (never below 0).
 */
export function amountDueOf(invoice: {
  totalMinor: bigint;
  amountPaidMinor: bigint;
  amountCreditedMinor: bigint;
  creditsAppliedMinor?: bigint;
}): bigint {
  const creditsAppliedMinor = invoice.creditsAppliedMinor ?? 0n;
  return nonNegative(invoice.totalMinor - creditsAppliedMinor - invoice.amountPaidMinor - invoice.amountCreditedMinor);
}

function nonNegative(minor: bigint): bigint {
  return minor > 0n ? minor : 0n;
}
