import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { type Actor, PlatformDatabase } from '@warbler/api/core';
import { TenantWebhooks } from '@warbler/api/webhooks';
import { CreditMovements } from '../credits/credit-movements';
import { notADraft } from '../shared/billing-errors';
import { INVOICE_TARGET, InvoiceAction, invoiceState } from '../shared/invoice-audit';
import { dueDate, invoiceNumber, type TakenNumber } from '../shared/invoice-numbers';
import { BillingEvents } from '../providers/billing-events';
import { INVOICE_INCLUDE, type InvoiceRow } from '../shared/invoice-rows';
import { invoiceFinalizedData, invoicePaidData } from '../shared/tenant-webhook-data';
import { lockInvoice } from './invoice-lock';

/**
 * DRAFT → OPEN: the invoice takes the next number of its year of issue and becomes immutable. The
 * number is taken in the same transaction, so if anything after it fails the number goes back and
 * the next finalization gets it: numbers have no gaps. Prepaid credits of the invoice's currency then
 * pay what they can of the total (docs/credits.md); an invoice with nothing left to pay is PAID at once.
 */
@Injectable()
export class InvoiceFinalization {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
    private readonly events: BillingEvents,
    private readonly credits: CreditMovements,
    private readonly webhooks: TenantWebhooks,
  ) {}

  finalize(actor: Actor, id: string): Promise<InvoiceRow> {
    return this.platform.client.$transaction(async (tx) => {
      const draft = await lockInvoice(tx, id);
      if (draft.status !== 'DRAFT') throw notADraft(draft.status, draft.number);
      const [taken] = await tx.$queryRaw<TakenNumber[]>`SELECT * FROM app_take_invoice_number()`;
      const issuedAt = taken.issued_at;
      const applied = await this.credits.applyToInvoice(tx, draft, issuedAt, actor.userId);
      const creditsAppliedMinor = applied.reduce((sum, movement) => sum - movement.amountMinor, 0n);
      const nothingToPay = draft.totalMinor === creditsAppliedMinor;
      const issued = await tx.invoice.update({
        where: { tenantId_id: { tenantId: draft.tenantId, id } },
        data: {
          status: nothingToPay ? 'PAID' : 'OPEN',
          number: invoiceNumber(taken.issue_year, taken.sequence_value),
          issuedAt,
          dueAt: dueDate(issuedAt),
          paidAt: nothingToPay ? issuedAt : null,
          creditsAppliedMinor,
        },
        include: INVOICE_INCLUDE,
      });
      await this.credits.audited(tx, { ...actor, tenantId: issued.tenantId }, applied);
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
      await this.webhooks.publish(tx, issued.tenantId, 'invoice.finalized', invoiceFinalizedData(issued));
      if (nothingToPay) await this.webhooks.publish(tx, issued.tenantId, 'invoice.paid', invoicePaidData(issued));
      return issued;
    });
  }
}
