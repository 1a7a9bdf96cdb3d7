import { amountDueOf } from '@warbler/shared/pricing';
import { toInvoiceCredits } from '../graphql/invoice-credit.model';
import type { CreditNoteRow, InvoiceRow } from '../shared/invoice-rows';
import { dateText, decimalText, moneyText, unitPriceText } from './document-text';
import type { InvoiceIssuer } from './invoice-issuer';

export interface DocumentRow {
  description: string;
  quantity: string | null;
  unitPrice: string | null;
  amount: string;
}

export interface DocumentTotal {
  label: string;
  amount: string;
  /** The figure the reader is after: the total, and what is still due. */
  emphasis: boolean;
}

/**
 * What an invoice or a credit note shows, as text ready to print: the HTML view and the PDF lay out
 * the same document, so they never disagree on a figure.
 */
export interface BillingDocument {
  title: 'Invoice' | 'Credit note';
  /** The number, or "Draft" for an invoice that has none yet. */
  reference: string;
  /** The download's name without extension: the number, or draft-<id>. */
  fileName: string;
  /** Printed across every page of a draft (not a bill yet) and of a void invoice (not owed any more). */
  watermark: 'DRAFT' | 'VOID' | null;
  issuer: InvoiceIssuer;
  billTo: string;
  facts: { label: string; value: string }[];
  rows: DocumentRow[];
  totals: DocumentTotal[];
  notes: string[];
}

/** A credit note with the invoice it corrects. */
export type CreditNoteWithInvoice = CreditNoteRow & {
  invoice: Pick<InvoiceRow, 'number' | 'taxRatePercent'> & { tenant: { name: string } };
};

const SETTLEMENT: Record<string, string> = {
  amount_due: 'Deducted from the amount due',
  refund: 'Refunded',
};

function taxLabel(taxRatePercent: InvoiceRow['taxRatePercent']): string {
  return taxRatePercent === null ? 'Tax' : `Tax (${decimalText(taxRatePercent.toFixed())} %)`;
}

/** BILLING_ERROR → "Billing error". */
function sentenceCase(code: string): string {
  const words = code.replaceAll('_', ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function periodText(start: Date, end: Date): string {
  return `${dateText(start)} to ${dateText(end)}`;
}

export function invoiceDocument(invoice: InvoiceRow, issuer: InvoiceIssuer): BillingDocument {
  const money = (minor: bigint) => moneyText(minor, invoice.currency);
  const facts = [
    { label: 'Invoice number', value: invoice.number ?? 'Not issued yet' },
    { label: 'Status', value: invoice.status },
    ...(invoice.issuedAt ? [{ label: 'Issued', value: dateText(invoice.issuedAt) }] : []),
    ...(invoice.dueAt ? [{ label: 'Due', value: dateText(invoice.dueAt) }] : []),
    { label: 'Period (UTC)', value: periodText(invoice.periodStart, invoice.periodEnd) },
    { label: 'Currency', value: invoice.currency },
  ];
  const amountDueMinor = invoice.status === 'VOID' ? 0n : amountDueOf(invoice);
  return {
    title: 'Invoice',
    reference: invoice.number ?? 'Draft',
    fileName: invoice.number ?? `draft-${invoice.id}`,
    watermark: invoice.status === 'DRAFT' ? 'DRAFT' : invoice.status === 'VOID' ? 'VOID' : null,
    issuer,
    billTo: invoice.tenant.name,
    facts,
    rows: invoice.lines.map((line) => ({
      description: line.description,
      quantity: decimalText(line.quantity.toFixed()),
      unitPrice: unitPriceText(line.unitPrice.toFixed(), invoice.currency),
      amount: money(line.amountMinor),
    })),
    totals: [
      { label: 'Subtotal', amount: money(invoice.subtotalMinor), emphasis: false },
      { label: taxLabel(invoice.taxRatePercent), amount: money(invoice.taxMinor), emphasis: false },
      { label: 'Total', amount: money(invoice.totalMinor), emphasis: true },
      ...(invoice.creditsAppliedMinor > 0n
        ? [{ label: 'Prepaid credits applied', amount: money(invoice.creditsAppliedMinor), emphasis: false }]
        : []),
      { label: 'Paid', amount: money(invoice.amountPaidMinor), emphasis: false },
      { label: 'Credited', amount: money(invoice.amountCreditedMinor), emphasis: false },
      { label: 'Amount due', amount: money(amountDueMinor), emphasis: true },
    ],
    notes: [
      ...toInvoiceCredits(invoice.creditMovements).map(
        (credit) =>
          `Prepaid credits: ${money(BigInt(credit.appliedMinor))} from “${credit.grantReason}”` +
          (credit.restoredMinor === '0' ? '' : `, given back when voided`),
      ),
      ...invoice.creditNotes.map(
        (note) => `Credit note ${note.number} of ${dateText(note.issuedAt)}: ${money(note.totalMinor)}`,
      ),
      ...(invoice.voidReason ? [`Void: ${invoice.voidReason}`] : []),
    ],
  };
}

export function creditNoteDocument(note: CreditNoteWithInvoice, issuer: InvoiceIssuer): BillingDocument {
  const money = (minor: bigint) => moneyText(minor, note.currency);
  return {
    title: 'Credit note',
    reference: note.number,
    fileName: note.number,
    watermark: null,
    issuer,
    billTo: note.invoice.tenant.name,
    facts: [
      { label: 'Credit note number', value: note.number },
      { label: 'Credits invoice', value: note.invoice.number ?? '' },
      { label: 'Issued', value: dateText(note.issuedAt) },
      { label: 'Reason', value: sentenceCase(note.reason) },
      { label: 'Settlement', value: SETTLEMENT[note.settlement] ?? note.settlement },
      { label: 'Currency', value: note.currency },
    ],
    rows: note.lines.map((line) => ({
      description: line.description,
      quantity: null,
      unitPrice: null,
      amount: money(line.amountMinor),
    })),
    totals: [
      { label: 'Subtotal', amount: money(note.subtotalMinor), emphasis: false },
      { label: taxLabel(note.invoice.taxRatePercent), amount: money(note.taxMinor), emphasis: false },
      { label: 'Total credited', amount: money(note.totalMinor), emphasis: true },
    ],
    notes: note.memo ? [note.memo] : [],
  };
}
