/** A number as app_take_invoice_number() and app_take_credit_note_number() hand it out, with the time of issue. */
export interface TakenNumber {
  issued_at: Date;
  issue_year: number;
  sequence_value: bigint;
}

/** Customers pay within this many days of issue. */
export const PAYMENT_TERMS_DAYS = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * WB-<year of issue>-<sequence>, the sequence zero-padded to six digits and never cut: the
 * millionth invoice of a year is WB-2026-1000000, not a repeat of WB-2026-000000.
 */
export function invoiceNumber(year: number, sequence: bigint): string {
  return documentNumber('WB', year, sequence);
}

/** CN-<year of issue>-<sequence>: credit notes have a gapless yearly sequence of their own. */
export function creditNoteNumber(year: number, sequence: bigint): string {
  return documentNumber('CN', year, sequence);
}

function documentNumber(prefix: string, year: number, sequence: bigint): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`not a year of issue: ${year}`);
  if (sequence < 1n) throw new RangeError(`sequences start at 1, got ${sequence}`);
  return `${prefix}-${year}-${sequence.toString().padStart(6, '0')}`;
}

export function dueDate(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + PAYMENT_TERMS_DAYS * DAY_MS);
}
