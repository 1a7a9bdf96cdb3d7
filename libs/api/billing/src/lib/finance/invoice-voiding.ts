import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { type Actor, PlatformDatabase } from '@warbler/api/core';
import { CreditMovements } from '../credits/credit-movements';
import { hasCreditNotes, hasPayments, notVoidable } from '../shared/billing-errors';
import { INVOICE_TARGET, InvoiceAction, invoiceState } from '../shared/invoice-audit';
import { BillingEvents } from '../providers/billing-events';
import { INVOICE_INCLUDE, type InvoiceRow } from '../shared/invoice-rows';
import { lockInvoice } from './invoice-lock';

/**
 * DRAFT or OPEN → VOID, with a reason. A voided draft keeps no number and is never drafted again (its
 * period stays closed); a voided open invoice keeps its number, so the sequence stays gapless. Money
 * already received cannot be voided away, and an invoice already corrected by a credit note stays
 * corrected: both need (further) credit notes instead. Prepaid credits are not money received: an
 * invoice they paid, even in full (PAID with no payment), may be voided, and each grant gets back
 * exactly what the invoice took from it (docs/credits.md).
 */
@Injectable()
export class InvoiceVoiding {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
    private readonly events: BillingEvents,
    private readonly credits: CreditMovements,
  ) {}

  void(actor: Actor, id: string, reason: string): Promise<InvoiceRow> {
    return this.platform.client.$transaction(async (tx) => {
      const invoice = await lockInvoice(tx, id);
      const paidByCreditsOnly = invoice.status === 'PAID' && invoice.creditsAppliedMinor > 0n;
      if (invoice.status !== 'DRAFT' && invoice.status !== 'OPEN' && !paidByCreditsOnly) {
        throw notVoidable(invoice.status);
      }
      if (invoice.amountPaidMinor > 0n) throw hasPayments();
      if (invoice.amountCreditedMinor > 0n) throw hasCreditNotes();
      const voidedAt = new Date();
      const restored = await this.credits.restoreFromInvoice(tx, invoice, voidedAt, actor.userId);
      const voided = await tx.invoice.update({
        where: { tenantId_id: { tenantId: invoice.tenantId, id } },
        data: { status: 'VOID', voidedAt, voidReason: reason, paidAt: null },
        include: INVOICE_INCLUDE,
      });
      await this.credits.audited(tx, { ...actor, tenantId: voided.tenantId }, restored);
      await this.audit.record(
        tx,
        { ...actor, tenantId: voided.tenantId },
        {
          action: InvoiceAction.voided,
          targetType: INVOICE_TARGET,
          targetId: id,
          before: invoiceState(invoice),
          after: invoiceState(voided),
        },
      );
      await this.events.record(tx, voided.tenantId, { kind: 'invoice.voided', invoiceId: id });
      return voided;
    });
  }
}
