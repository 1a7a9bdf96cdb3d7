import type { CreditNoteLineInput, InvoiceFieldsFragment } from '@warbler/console/data-access';
import { formatMoney, parseMajorAmount } from '@warbler/console/feature-billing';
import { type CreditableInvoice, type CreditLineRequest, creditNoteFigures } from '@warbler/shared/pricing';
import { describeAmountProblem } from './payment-amount';

/** One thing to credit: part or all of an invoice line, or a free-standing amount (no line). */
export interface CreditSelection {
  invoiceLineId: string | null;
  /** Required for a free-standing amount; an invoice line's own description is used otherwise. */
  description: string;
  /** Typed in major units. */
  amount: string;
}

export interface CreditNoteTotals {
  subtotalMinor: string;
  taxMinor: string;
  totalMinor: string;
}

export type CreditNoteDraft =
  | { ok: true; lines: CreditNoteLineInput[]; totals: CreditNoteTotals }
  | { ok: false; problem: string; index?: number };

/** The invoice as the pricing library's credit note rules see it: what each line charged and what is already credited. */
export function creditableInvoice(invoice: InvoiceFieldsFragment): CreditableInvoice {
  const credited = new Map<string, bigint>();
  for (const note of invoice.creditNotes) {
    for (const line of note.lines) {
      if (line.invoiceLineId === null) continue;
      credited.set(line.invoiceLineId, (credited.get(line.invoiceLineId) ?? 0n) + BigInt(line.amountMinor));
    }
  }
  return {
    currency: invoice.currency,
    subtotalMinor: BigInt(invoice.subtotalMinor),
    taxMinor: BigInt(invoice.taxMinor),
    taxRatePercent: invoice.taxRatePercent,
    lines: invoice.lines.map((line) => ({
      id: line.id,
      amountMinor: BigInt(line.amountMinor),
      creditedMinor: credited.get(line.id) ?? 0n,
    })),
    creditedSubtotalMinor: sum(invoice.creditNotes.map((note) => note.subtotalMinor)),
    creditedTaxMinor: sum(invoice.creditNotes.map((note) => note.taxMinor)),
  };
}

/** What is left to credit on a line: its amount less earlier credit notes' (none on a credit line). */
export function creditableMinor(invoice: CreditableInvoice, invoiceLineId: string): bigint {
  const line = invoice.lines.find((each) => each.id === invoiceLineId);
  if (!line) return 0n;
  const left = line.amountMinor - line.creditedMinor;
  return left > 0n ? left : 0n;
}

/**
 * The credit note the selections ask for, with its tax and total computed by the same rules the API
 * issues it with, or the first reason it cannot be issued, in words.
 */
export function creditNoteDraft(
  invoice: InvoiceFieldsFragment,
  selections: readonly CreditSelection[],
  locale?: string,
): CreditNoteDraft {
  if (selections.length === 0) return { ok: false, problem: 'Choose at least one line to credit' };
  const lines: CreditNoteLineInput[] = [];
  const requested: CreditLineRequest[] = [];
  for (const [index, selection] of selections.entries()) {
    const amount = parseMajorAmount(selection.amount, invoice.currency);
    if (!amount.ok) return { ok: false, problem: describeAmountProblem(amount.problem, invoice.currency), index };
    const description = selection.description.trim();
    if (selection.invoiceLineId === null && description === '') {
      return { ok: false, problem: 'Describe the amount credited', index };
    }
    lines.push({
      invoiceLineId: selection.invoiceLineId,
      description: selection.invoiceLineId === null ? description : null,
      amountMinor: amount.minor,
    });
    requested.push({ invoiceLineId: selection.invoiceLineId, amountMinor: BigInt(amount.minor) });
  }
  const creditable = creditableInvoice(invoice);
  const figures = creditNoteFigures(creditable, requested);
  const money = (minor: bigint) => formatMoney(minor.toString(), invoice.currency, locale);
  if (!figures.ok) {
    const refusal = figures.refusal;
    switch (refusal.reason) {
      case 'LINE_OVER_CREDITED': {
        const line = invoice.lines.find((each) => each.id === refusal.invoiceLineId);
        const index = selections.findIndex((selection) => selection.invoiceLineId === refusal.invoiceLineId);
        return {
          ok: false,
          problem: `At most ${money(refusal.creditableMinor)} of “${line?.description ?? 'this line'}” can be credited`,
          index,
        };
      }
      case 'INVOICE_OVER_CREDITED':
        return {
          ok: false,
          problem: `At most ${money(refusal.creditableMinor)} of this invoice can still be credited`,
        };
      case 'NO_LINES':
        return { ok: false, problem: 'Choose at least one line to credit' };
      case 'AMOUNT_NOT_POSITIVE':
        return { ok: false, problem: 'The amount must be above 0', index: refusal.index };
      case 'UNKNOWN_INVOICE_LINE':
        return { ok: false, problem: 'That line is not on this invoice', index: refusal.index };
    }
  }
  const { subtotalMinor, taxMinor, totalMinor } = figures.totals;
  return {
    ok: true,
    lines,
    totals: {
      subtotalMinor: subtotalMinor.toString(),
      taxMinor: taxMinor.toString(),
      totalMinor: totalMinor.toString(),
    },
  };
}

function sum(values: readonly string[]): bigint {
  return values.reduce((total, value) => total + BigInt(value), 0n);
}
