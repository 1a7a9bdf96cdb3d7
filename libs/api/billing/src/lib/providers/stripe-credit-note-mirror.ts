import { Injectable } from '@nestjs/common';
import { type CreditNoteReason, PlatformDatabase } from '@warbler/api/core';
import type Stripe from 'stripe';
import { PaymentMethod } from '../graphql/billing-enums';
import { stripeAmount } from './stripe-amounts';
import { StripeGateway } from './stripe-gateway';

const STRIPE_REASONS: Partial<Record<CreditNoteReason, Stripe.CreditNoteCreateParams.Reason>> = {
  DUPLICATE: 'duplicate',
  FRAUDULENT: 'fraudulent',
  ORDER_CHANGE: 'order_change',
  PRODUCT_UNSATISFACTORY: 'product_unsatisfactory',
};

/** The credit note's invoice is still on its way to Stripe: the outbox tries again later. */
export class InvoiceNotMirroredYet extends Error {}

/**
 * Warbler's credit notes, copied onto the Stripe copy of their invoice with the same lines and tax.
 * On an open invoice the credit lowers what Stripe still collects; on a paid one money goes back:
 * refunded through Stripe when Stripe collected it, recorded as returned outside Stripe otherwise.
 */
@Injectable()
export class StripeCreditNoteMirror {
  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
  ) {}

  async mirror(tenantId: string, creditNoteId: string): Promise<void> {
    const note = await this.platform.client.creditNote.findUnique({
      where: { tenantId_id: { tenantId, id: creditNoteId } },
      include: { lines: { orderBy: { position: 'asc' } }, invoice: { include: { payments: true } } },
    });
    if (!note) return;
    const { invoice } = note;
    if (!invoice.stripeInvoiceId) {
      if (await this.invoiceCopyPending(tenantId, invoice.id)) {
        throw new InvoiceNotMirroredYet(`invoice ${invoice.number} is not in Stripe yet`);
      }
      // Issued before Stripe was turned on, or with nothing to collect: Stripe has no copy to credit.
      return;
    }
    const lines: Stripe.CreditNoteCreateParams.Line[] = note.lines.map((line) => ({
      type: 'custom_line_item',
      description: line.description,
      quantity: 1,
      unit_amount: stripeAmount(line.amountMinor),
    }));
    if (note.taxMinor > 0n) {
      lines.push({
        type: 'custom_line_item',
        description: 'Tax',
        quantity: 1,
        unit_amount: stripeAmount(note.taxMinor),
      });
    }
    const collectedByStripe = invoice.payments.some(
      (payment) => payment.method === PaymentMethod.CARD && payment.reference === invoice.stripeInvoiceId,
    );
    const total = stripeAmount(note.totalMinor);
    const settlement =
      note.settlement !== 'refund' ? {} : collectedByStripe ? { refund_amount: total } : { out_of_band_amount: total };
    await this.gateway.client.creditNotes.create(
      {
        invoice: invoice.stripeInvoiceId,
        lines,
        ...(STRIPE_REASONS[note.reason] && { reason: STRIPE_REASONS[note.reason] }),
        ...(note.memo && { memo: note.memo }),
        metadata: { warbler_credit_note_id: note.id, warbler_credit_note_number: note.number },
        ...settlement,
      },
      { idempotencyKey: `warbler-credit-note-${note.id}` },
    );
  }

  private async invoiceCopyPending(tenantId: string, invoiceId: string): Promise<boolean> {
    const pending = await this.platform.client.providerOutboxEntry.count({
      where: { tenantId, sentAt: null, kind: 'invoice.finalized', payload: { path: ['invoiceId'], equals: invoiceId } },
    });
    return pending > 0;
  }
}
