import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { type Actor, PlatformDatabase } from '@warbler/api/core';
import { notADraft } from '../shared/billing-errors';
import { INVOICE_TARGET, InvoiceAction, invoiceState } from '../shared/invoice-audit';
import { dueDate, invoiceNumber, type TakenNumber } from '../shared/invoice-numbers';
import { BillingEvents } from '../providers/billing-events';
import { INVOICE_INCLUDE, type InvoiceRow } from '../shared/invoice-rows';
import { lockInvoice } from './invoice-lock';

/**
 * DRAFT → OPEN: the invoice takes the next number of its year of issue and becomes immutable. The
 * number is taken in the same transaction, so if anything after it fails the number goes back and
 * the next finalization gets it: numbers have no gaps. An invoice with nothing to pay is PAID at once.
 */
@Injectable()
export class InvoiceFinalization {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
    private readonly events: BillingEvents,
  ) {}

  finalize(actor: Actor, id: string): Promise<InvoiceRow> {
    return this.platform.client.$transaction(async (tx) => {
      const draft = await lockInvoice(tx, id);
      if (draft.status !== 'DRAFT') throw notADraft(draft.status, draft.number);
      const [taken] = await tx.$queryRaw<TakenNumber[]>`SELECT * FROM app_take_invoice_number()`;
      const issuedAt = taken.issued_at;
      const nothingToPay = draft.totalMinor === 0n;
      const issued = await tx.invoice.update({
        where: { tenantId_id: { tenantId: draft.tenantId, id } },
        data: {
          status: nothingToPay ? 'PAID' : 'OPEN',
          number: invoiceNumber(taken.issue_year, taken.sequence_value),
          issuedAt,
          dueAt: dueDate(issuedAt),
          paidAt: nothingToPay ? issuedAt : null,
        },
        include: INVOICE_INCLUDE,
      });
      await this.audit.record(
        tx,
        { ...actor, tenantId: issued.tenantId },
        {
          action: InvoiceAction.finalized,
          targetType: INVOICE_TARGET,
          targetId: id,
          before: invoiceState(draft),
          after: invoiceState(issued),
        },
      );
      await this.events.record(tx, issued.tenantId, { kind: 'invoice.finalized', invoiceId: id });
      return issued;
    });
  }
}
