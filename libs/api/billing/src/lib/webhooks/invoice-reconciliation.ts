import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, PlatformDatabase } from '@warbler/api/core';
import { amountDueOf } from '@warbler/shared/pricing';
import { TenantWebhooks } from '@warbler/api/webhooks';
import type Stripe from 'stripe';
import { BillingSystemActor, BILLING_SYSTEM_EMAIL } from '../dunning/billing-system-actor';
import { PastDue } from '../dunning/past-due';
import { InvoicePayments } from '../finance/invoice-payments';
import { PaymentMethod } from '../graphql/billing-enums';
import { StripeGateway } from '../providers/stripe-gateway';
import { paymentFailedData } from '../shared/tenant-webhook-data';

/**
 * Stripe's word on a mirrored invoice, applied from the invoice as Stripe holds it now, not from the
 * event: paid → the Warbler invoice gets a CARD payment referencing the Stripe invoice (once: what is
 * recorded under that reference already counts) and past due is settled; a failed charge of an
 * invoice still open → the subscription is past due. A late "failed" after a "paid" finds the invoice
 * paid and changes nothing, so any order of delivery ends in the same state.
 */
@Injectable()
export class InvoiceReconciliation {
  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
    private readonly payments: InvoicePayments,
    private readonly pastDue: PastDue,
    private readonly system: BillingSystemActor,
    private readonly webhooks: TenantWebhooks,
  ) {}

  /** Returns the tenant of the invoice, or null for an invoice Warbler did not mirror. */
  async reconcile(event: Stripe.Event, object: Stripe.Invoice): Promise<string | null> {
    const invoiceId = object.metadata?.['warbler_invoice_id'];
    // Stripe's own invoices of the paused subscription carry no Warbler invoice and are voided by Stripe.
    if (!invoiceId || !/^[0-9a-f-]{36}$/i.test(invoiceId)) return null;
    const invoice = await this.platform.client.invoice.findFirst({
      where: { id: invoiceId },
      select: { tenantId: true, status: true, stripeInvoiceId: true },
    });
    if (!invoice || (invoice.stripeInvoiceId && invoice.stripeInvoiceId !== object.id)) return null;
    const current = await this.gateway.client.invoices.retrieve(object.id);
    const requestId = `stripe:${event.id}`;
    if (current.status === 'paid') {
      await this.recordPayment(invoice.tenantId, invoiceId, current, requestId);
      await this.platform.client.$transaction((tx) => this.pastDue.settle(tx, invoice.tenantId, new Date(), requestId));
    } else if (event.type === 'invoice.payment_failed' && current.status === 'open' && invoice.status === 'OPEN') {
      const failedAt = new Date(event.created * 1000);
      await this.platform.client.$transaction(async (tx) => {
        await this.pastDue.mark(tx, invoice.tenantId, failedAt, 'PAYMENT_FAILED', requestId);
        const failed = await tx.invoice.findUniqueOrThrow({
          where: { tenantId_id: { tenantId: invoice.tenantId, id: invoiceId } },
        });
        // Once per Stripe event: a redelivered event changes nothing here either.
        await this.webhooks.publish(tx, invoice.tenantId, 'payment.failed', paymentFailedData(failed, failedAt), {
          dedupeKey: `payment_failed:${event.id}`,
        });
      });
    }
    return invoice.tenantId;
  }

  private async recordPayment(tenantId: string, invoiceId: string, paid: Stripe.Invoice, requestId: string) {
    const invoice = await this.platform.client.invoice.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: invoiceId } },
      include: { payments: { where: { method: PaymentMethod.CARD, reference: paid.id } } },
    });
    if (invoice.status !== 'OPEN') return;
    const recorded = invoice.payments.reduce((sum, payment) => sum + payment.amountMinor, 0n);
    const due = amountDueOf(invoice);
    const collected = BigInt(paid.amount_paid) - recorded;
    const amountMinor = collected < due ? collected : due;
    // Stripe may count a credit note as paid: only money it collected becomes a payment.
    if (amountMinor <= 0n) return;
    try {
      await this.payments.record(await this.actor(requestId), invoiceId, {
        amountMinor,
        method: PaymentMethod.CARD,
        reference: paid.id,
      });
    } catch (error) {
      // Another delivery of the same news got there first and the invoice is paid.
      if (!(error instanceof DomainError && error.reason === 'INVOICE_NOT_OPEN')) throw error;
    }
  }

  private async actor(requestId: string): Promise<Actor> {
    return {
      userId: await this.system.id(),
      email: BILLING_SYSTEM_EMAIL,
      sessionId: requestId,
      staffRole: null,
      tenantId: null,
      tenantRole: null,
      membershipId: null,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId,
      ip: null,
    };
  }
}
