import { Injectable } from '@nestjs/common';
import { AuditLog, type AuditState } from '@warbler/api/audit';
import { type Actor, type CreditNoteReason, PlatformDatabase } from '@warbler/api/core';
import { amountDueOf, creditNoteFigures } from '@warbler/shared/pricing';
import { PastDue } from '../dunning/past-due';
import { lockInvoice } from '../finance/invoice-lock';
import { CreditNoteSettlement } from '../graphql/billing-enums';
import { BillingEvents } from '../providers/billing-events';
import { INVOICE_TARGET, InvoiceAction, invoiceState } from '../shared/invoice-audit';
import { creditNoteNumber, type TakenNumber } from '../shared/invoice-numbers';
import { CREDIT_NOTE_INCLUDE, type CreditNoteRow, INVOICE_INCLUDE, type InvoiceRow } from '../shared/invoice-rows';
import { nameBasedId } from '../shared/name-based-id';
import {
  creditRefused,
  descriptionRequired,
  exceedsAmountDue,
  idempotencyKeyReused,
  notCreditable,
} from './credit-note-errors';
import { creditableInvoice } from './creditable-invoice';

export interface CreditNoteRequest {
  invoiceId: string;
  reason: CreditNoteReason;
  memo: string | null;
  lines: { invoiceLineId: string | null; description: string | null; amountMinor: bigint }[];
}

interface CreditNoteLineDraft {
  invoiceLineId: string | null;
  description: string;
  amountMinor: bigint;
}

/** The namespace of credit note ids derived from (invoice, idempotency key). */
const CREDIT_NOTE_IDS = '8f3c2a61-5d4e-4b7a-9c10-2e6f1d0b7a53';

/**
 * Issues a credit note against an OPEN or PAID invoice, in one platform transaction that locks the
 * invoice first: on an open invoice it lowers what is due (and a credit that settles the rest makes
 * it PAID), on a paid one it records a refund. The credit note takes the next gapless CN number of
 * its year; its id is derived from the invoice and the caller's idempotency key, so a retry finds the
 * credit note its first attempt issued and answers it, never a second one.
 */
@Injectable()
export class CreditNoteIssuing {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
    private readonly events: BillingEvents,
    private readonly pastDue: PastDue,
  ) {}

  issue(actor: Actor, request: CreditNoteRequest, idempotencyKey: string): Promise<CreditNoteRow> {
    return this.platform.client.$transaction(async (tx) => {
      const invoice = await lockInvoice(tx, request.invoiceId);
      const lines = describedLines(invoice, request);
      const id = nameBasedId(CREDIT_NOTE_IDS, `${invoice.id}\n${idempotencyKey}`);
      const earlier = invoice.creditNotes.find((note) => note.id === id);
      if (earlier) {
        if (!sameCreditNote(earlier, request, lines)) throw idempotencyKeyReused();
        return earlier;
      }
      if (invoice.status !== 'OPEN' && invoice.status !== 'PAID') throw notCreditable(invoice.status);
      const figures = creditNoteFigures(creditableInvoice(invoice), lines);
      if (!figures.ok) throw creditRefused(figures.refusal, invoice.currency);
      const { totals } = figures;
      const settlement = invoice.status === 'OPEN' ? CreditNoteSettlement.AMOUNT_DUE : CreditNoteSettlement.REFUND;
      const amountDueMinor = amountDueOf(invoice);
      if (settlement === CreditNoteSettlement.AMOUNT_DUE && totals.totalMinor > amountDueMinor) {
        throw exceedsAmountDue(amountDueMinor, invoice.currency);
      }

      const [taken] = await tx.$queryRaw<TakenNumber[]>`SELECT * FROM app_take_credit_note_number()`;
      await tx.creditNote.create({
        data: {
          tenantId: invoice.tenantId,
          id,
          invoiceId: invoice.id,
          number: creditNoteNumber(taken.issue_year, taken.sequence_value),
          currency: invoice.currency,
          reason: request.reason,
          memo: request.memo,
          settlement,
          subtotalMinor: totals.subtotalMinor,
          taxMinor: totals.taxMinor,
          totalMinor: totals.totalMinor,
          issuedByUserId: actor.userId,
          issuedAt: taken.issued_at,
        },
      });
      await tx.creditNoteLine.createMany({
        data: lines.map((line, index) => ({
          tenantId: invoice.tenantId,
          creditNoteId: id,
          position: index + 1,
          ...line,
        })),
      });
      const amountCreditedMinor = invoice.amountCreditedMinor + totals.totalMinor;
      const settled = settlement === CreditNoteSettlement.AMOUNT_DUE && totals.totalMinor === amountDueMinor;
      const updated = await tx.invoice.update({
        where: { tenantId_id: { tenantId: invoice.tenantId, id: invoice.id } },
        data: { amountCreditedMinor, ...(settled && { status: 'PAID', paidAt: taken.issued_at }) },
        include: INVOICE_INCLUDE,
      });
      // Settling what was due by credit puts a tenant past due for this invoice back in good standing, as a payment would.
      if (settled) await this.pastDue.settle(tx, invoice.tenantId, taken.issued_at, actor.requestId);
      const issued = await tx.creditNote.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: invoice.tenantId, id } },
        include: CREDIT_NOTE_INCLUDE,
      });
      await this.events.record(tx, invoice.tenantId, { kind: 'credit_note.issued', creditNoteId: id });
      await this.audit.record(
        tx,
        { ...actor, tenantId: invoice.tenantId },
        {
          action: InvoiceAction.creditNoteIssued,
          targetType: INVOICE_TARGET,
          targetId: invoice.id,
          before: { ...invoiceState(invoice), creditNote: null },
          after: { ...invoiceState(updated), creditNote: creditNoteState(issued, idempotencyKey) },
        },
      );
      return issued;
    });
  }
}

/**
 * The lines as they will be stored: a part of an invoice line is described as the line unless the
 * request says otherwise; a free-standing amount must say what it is for.
 */
function describedLines(invoice: InvoiceRow, request: CreditNoteRequest): CreditNoteLineDraft[] {
  const descriptions = new Map(invoice.lines.map((line) => [line.id, line.description]));
  return request.lines.map((line, index) => {
    const description =
      line.description ?? (line.invoiceLineId === null ? null : (descriptions.get(line.invoiceLineId) ?? ''));
    if (description === null) throw descriptionRequired(index);
    return { invoiceLineId: line.invoiceLineId, description, amountMinor: line.amountMinor };
  });
}

/** Whether a retry asks for exactly the credit note its key already issued. */
function sameCreditNote(issued: CreditNoteRow, request: CreditNoteRequest, lines: CreditNoteLineDraft[]): boolean {
  return (
    issued.reason === request.reason &&
    issued.memo === request.memo &&
    issued.lines.length === lines.length &&
    issued.lines.every(
      (line, index) =>
        line.invoiceLineId === lines[index].invoiceLineId &&
        line.description === lines[index].description &&
        line.amountMinor === lines[index].amountMinor,
    )
  );
}

function creditNoteState(note: CreditNoteRow, idempotencyKey: string): AuditState {
  return {
    id: note.id,
    number: note.number,
    reason: note.reason,
    memo: note.memo,
    settlement: note.settlement,
    subtotalMinor: note.subtotalMinor.toString(),
    taxMinor: note.taxMinor.toString(),
    totalMinor: note.totalMinor.toString(),
    idempotencyKey,
    lines: note.lines.map((line) => ({
      invoiceLineId: line.invoiceLineId,
      description: line.description,
      amountMinor: line.amountMinor.toString(),
    })),
  };
}
