import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { type Actor, PlatformDatabase } from '@warbler/api/core';
import { amountDueOf } from '@warbler/shared/pricing';
import { TenantWebhooks } from '@warbler/api/webhooks';
import { PastDue } from '../dunning/past-due';
import { BillingEvents } from '../providers/billing-events';
import type { PaymentMethod } from '../graphql/billing-enums';
import { notOpen, overpayment } from '../shared/billing-errors';
import { INVOICE_TARGET, InvoiceAction, invoiceState } from '../shared/invoice-audit';
import { INVOICE_INCLUDE, type InvoiceRow } from '../shared/invoice-rows';
import { invoicePaidData } from '../shared/tenant-webhook-data';
import { lockInvoice } from './invoice-lock';

export interface RecordedPayment {
  amountMinor: bigint;
  method: PaymentMethod;
  reference?: string | null;
}

/**
 * Payments of the local provider, recorded by finance against open invoices. Partial payments add up;
 * the one that pays what is still due (the total less prepaid credits, payments and credit notes) makes the invoice
 * PAID; one that would pass it is refused, so the invoice never holds more than it asked for.
 */
@Injectable()
export class InvoicePayments {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
    private readonly pastDue: PastDue,
    private readonly events: BillingEvents,
    private readonly webhooks: TenantWebhooks,
  ) {}

  record(actor: Actor, id: string, payment: RecordedPayment): Promise<InvoiceRow> {
    return this.platform.client.$transaction(async (tx) => {
      const invoice = await lockInvoice(tx, id);
      if (invoice.status !== 'OPEN') throw notOpen(invoice.status);
      const amountDueMinor = amountDueOf(invoice);
      if (payment.amountMinor > amountDueMinor) throw overpayment(amountDueMinor, invoice.currency);
      const recorded = await tx.invoicePayment.create({
        data: {
          tenantId: invoice.tenantId,
          invoiceId: id,
          amountMinor: payment.amountMinor,
          method: payment.method,
          reference: payment.reference || null,
          recordedByUserId: actor.userId,
        },
      });
      const paidInFull = payment.amountMinor === amountDueMinor;
      const updated = await tx.invoice.update({
        where: { tenantId_id: { tenantId: invoice.tenantId, id } },
        data: {
          amountPaidMinor: invoice.amountPaidMinor + payment.amountMinor,
          ...(paidInFull && { status: 'PAID', paidAt: recorded.recordedAt }),
        },
        include: INVOICE_INCLUDE,
      });
      await this.audit.record(
        tx,
        { ...actor, tenantId: updated.tenantId },
        {
          action: InvoiceAction.paymentRecorded,
          targetType: INVOICE_TARGET,
          targetId: id,
          before: { ...invoiceState(invoice), payment: null },
          after: {
            ...invoiceState(updated),
            payment: {
              id: recorded.id,
              amountMinor: recorded.amountMinor.toString(),
              method: recorded.method,
              reference: recorded.reference,
            },
          },
        },
      );
      // A tenant past due (or suspended) for this invoice is back in good standing once it is paid.
      if (paidInFull) await this.pastDue.settle(tx, updated.tenantId, new Date(), actor.requestId);
      if (paidInFull) await this.webhooks.publish(tx, updated.tenantId, 'invoice.paid', invoicePaidData(updated));
      await this.events.record(tx, updated.tenantId, {
        kind: 'invoice.payment_recorded',
        invoiceId: id,
        paymentId: recorded.id,
      });
      return updated;
    });
  }
}
