import { Injectable } from '@nestjs/common';
import { PlatformDatabase } from '@warbler/api/core';
import type { BillingEvent } from './billing-events';
import { StripeCreditNoteMirror } from './stripe-credit-note-mirror';
import { StripeInvoiceMirror } from './stripe-invoice-mirror';
import { StripeSubscriptionMirror } from './stripe-subscription-mirror';
import { StripeUsageReports } from './stripe-usage-reports';

/** An outbox row as the sender claimed it. */
export interface OutboxEntry {
  tenantId: string;
  id: string;
  kind: string;
  payload: unknown;
  idempotencyKey: string;
  attempts: number;
}

/**
 * What each kind of outbox entry asks of Stripe. Every handler reads the current state of what the
 * entry names and brings Stripe to it, so entries may run late, twice or out of order: a void seen
 * before its invoice's copy leaves nothing to copy, a plan change applied twice applies once.
 */
@Injectable()
export class StripeOutboxHandlers {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly subscriptions: StripeSubscriptionMirror,
    private readonly invoices: StripeInvoiceMirror,
    private readonly creditNotes: StripeCreditNoteMirror,
    private readonly usage: StripeUsageReports,
  ) {}

  async send(entry: OutboxEntry, now: Date): Promise<void> {
    const event = entry.payload as BillingEvent;
    switch (event.kind) {
      case 'subscription.changed': {
        const change = await this.platform.client.subscriptionChange.findUnique({
          where: { tenantId_id: { tenantId: entry.tenantId, id: event.subscriptionChangeId } },
          select: { subscriptionId: true },
        });
        if (change) await this.subscriptions.sync(entry.tenantId, change.subscriptionId, entry.idempotencyKey, now);
        return;
      }
      case 'subscription.mirror':
        return this.subscriptions.sync(entry.tenantId, event.subscriptionId, entry.idempotencyKey, now);
      case 'invoice.finalized':
        return this.invoices.mirrorIssued(entry.tenantId, event.invoiceId);
      case 'invoice.voided':
        return this.invoices.mirrorVoid(entry.tenantId, event.invoiceId);
      case 'invoice.payment_recorded':
        return this.invoices.mirrorPayment(entry.tenantId, event.invoiceId);
      case 'credit_note.issued':
        return this.creditNotes.mirror(entry.tenantId, event.creditNoteId);
      case 'period.closed':
        return this.usage.report(entry.tenantId, event, entry.idempotencyKey, now);
      default:
        throw new Error(`no handler for outbox entries of kind ${entry.kind}`);
    }
  }
}
