import { Injectable, Logger } from '@nestjs/common';
import { PlatformDatabase } from '@warbler/api/core';
import { PaymentMethod } from '../graphql/billing-enums';
import { stripeAmount, stripeCurrency, unixSeconds } from './stripe-amounts';
import { StripeCustomers } from './stripe-customers';
import { StripeGateway } from './stripe-gateway';

/**
 * Warbler's issued invoices, copied to Stripe so that Stripe collects them: the same lines with the
 * same amounts, the tax as a line of its own and the prepaid credits applied as a negative line, so
 * Stripe's total is Warbler's amount due at issue to the cent. Each call's
 * idempotency key is derived from the Warbler invoice (and line), so however many times and from
 * wherever the copy is retried, Stripe holds one invoice with each line once.
 */
@Injectable()
export class StripeInvoiceMirror {
  private readonly logger = new Logger('StripeInvoiceMirror');

  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
    private readonly customers: StripeCustomers,
  ) {}

  /** Creates, fills and finalizes the Stripe invoice; Stripe then charges the customer's default card. */
  async mirrorIssued(tenantId: string, invoiceId: string): Promise<void> {
    const invoice = await this.platform.client.invoice.findUnique({
      where: { tenantId_id: { tenantId, id: invoiceId } },
      include: { lines: { orderBy: { position: 'asc' } } },
    });
    // Nothing to collect: an invoice credits (or nothing) paid is paid when issued, a voided one is owed by nobody.
    if (!invoice || invoice.status === 'DRAFT' || invoice.status === 'VOID') return;
    if (invoice.totalMinor - invoice.creditsAppliedMinor === 0n) return;
    const stripe = this.gateway.client.invoices;
    const key = `warbler-invoice-${invoice.id}`;
    const customer = await this.customers.forTenant(tenantId);
    const currency = stripeCurrency(invoice.currency);
    let stripeInvoiceId = invoice.stripeInvoiceId;
    if (!stripeInvoiceId) {
      const created = await stripe.create(
        {
          customer,
          currency,
          collection_method: 'charge_automatically',
          // Finalized below, once every line is on it.
          auto_advance: false,
          pending_invoice_items_behavior: 'exclude',
          description: `Warbler invoice ${invoice.number}`,
          metadata: {
            warbler_invoice_id: invoice.id,
            warbler_tenant_id: tenantId,
            warbler_invoice_number: invoice.number,
          },
        },
        { idempotencyKey: key },
      );
      stripeInvoiceId = created.id;
      await this.platform.client.invoice.update({
        where: { tenantId_id: { tenantId, id: invoice.id } },
        data: { stripeInvoiceId },
      });
    }
    for (const line of invoice.lines) {
      await this.gateway.client.invoiceItems.create(
        {
          customer,
          invoice: stripeInvoiceId,
          currency,
          amount: stripeAmount(line.amountMinor),
          description: line.description,
          period: { start: unixSeconds(line.periodStart), end: unixSeconds(line.periodEnd) },
          metadata: { warbler_invoice_line_id: line.id },
        },
        { idempotencyKey: `${key}-line-${line.position}` },
      );
    }
    if (invoice.taxMinor > 0n) {
      await this.gateway.client.invoiceItems.create(
        {
          customer,
          invoice: stripeInvoiceId,
          currency,
          amount: stripeAmount(invoice.taxMinor),
          description: `Tax (${invoice.taxRatePercent?.toFixed()} %)`,
          metadata: { warbler_invoice_id: invoice.id },
        },
        { idempotencyKey: `${key}-tax` },
      );
    }
    if (invoice.creditsAppliedMinor > 0n) {
      await this.gateway.client.invoiceItems.create(
        {
          customer,
          invoice: stripeInvoiceId,
          currency,
          amount: stripeAmount(-invoice.creditsAppliedMinor),
          description: 'Prepaid credits applied',
          metadata: { warbler_invoice_id: invoice.id },
        },
        { idempotencyKey: `${key}-credits` },
      );
    }
    const paidAlready = invoice.status === 'PAID';
    await stripe.finalizeInvoice(
      stripeInvoiceId,
      { auto_advance: !paidAlready },
      { idempotencyKey: `${key}-finalize` },
    );
    if (paidAlready) {
      await stripe.pay(stripeInvoiceId, { paid_out_of_band: true }, { idempotencyKey: `${key}-paid-out-of-band` });
    }
  }

  /** A voided Warbler invoice: its Stripe copy is voided (or deleted while still a draft). */
  async mirrorVoid(tenantId: string, invoiceId: string): Promise<void> {
    const invoice = await this.platform.client.invoice.findUnique({
      where: { tenantId_id: { tenantId, id: invoiceId } },
    });
    if (!invoice?.stripeInvoiceId) return;
    const stripe = this.gateway.client.invoices;
    const copy = await stripe.retrieve(invoice.stripeInvoiceId);
    const key = `warbler-invoice-${invoice.id}`;
    if (copy.status === 'draft') await stripe.del(copy.id, {}, { idempotencyKey: `${key}-delete` });
    else if (copy.status === 'open' || copy.status === 'uncollectible') {
      await stripe.voidInvoice(copy.id, {}, { idempotencyKey: `${key}-void` });
    } else if (copy.status === 'paid') {
      this.logger.warn(`invoice ${invoice.number} was voided in Warbler but Stripe collected ${copy.id}; refund it`);
    }
  }

  /**
   * A payment finance recorded in Warbler settled the invoice: Stripe must stop collecting it, so its
   * copy is marked paid out of band. Part payments leave Stripe's copy open (Stripe cannot take part
   * of an invoice out of band); a payment Stripe itself collected needs nothing.
   */
  async mirrorPayment(tenantId: string, invoiceId: string): Promise<void> {
    const invoice = await this.platform.client.invoice.findUnique({
      where: { tenantId_id: { tenantId, id: invoiceId } },
      include: { payments: true },
    });
    if (!invoice?.stripeInvoiceId || invoice.status !== 'PAID') return;
    const collectedByStripe = invoice.payments.some(
      (payment) => payment.method === PaymentMethod.CARD && payment.reference === invoice.stripeInvoiceId,
    );
    if (collectedByStripe) return;
    const copy = await this.gateway.client.invoices.retrieve(invoice.stripeInvoiceId);
    if (copy.status !== 'open') return;
    await this.gateway.client.invoices.pay(
      copy.id,
      { paid_out_of_band: true },
      { idempotencyKey: `warbler-invoice-${invoice.id}-paid-out-of-band` },
    );
  }
}
