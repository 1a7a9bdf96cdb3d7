import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { InvoiceReconciliation } from './invoice-reconciliation';
import { PaymentMethodReconciliation } from './payment-method-reconciliation';
import { SubscriptionReconciliation } from './subscription-reconciliation';

/**
 * What each kind of Stripe event changes in Warbler. Every handler re-reads the object the event is
 * about from Stripe and applies the state it finds, idempotently; the event only says where to look.
 * Other event types are kept (stripe_webhook_events) and change nothing.
 */
@Injectable()
export class StripeReconciliation {
  constructor(
    private readonly invoices: InvoiceReconciliation,
    private readonly paymentMethods: PaymentMethodReconciliation,
    private readonly subscriptions: SubscriptionReconciliation,
  ) {}

  /** Returns the tenant the event concerned, or null if none of Warbler's. */
  apply(event: Stripe.Event): Promise<string | null> {
    const requestId = `stripe:${event.id}`;
    switch (event.type) {
      case 'invoice.paid':
      case 'invoice.payment_succeeded':
      case 'invoice.payment_failed':
        return this.invoices.reconcile(event, event.data.object);
      case 'checkout.session.completed':
        return this.paymentMethods.fromCheckout(event.data.object.id, requestId);
      case 'setup_intent.succeeded':
        return this.paymentMethods.fromSetupIntent(event.data.object.id, requestId);
      case 'customer.updated':
        return this.paymentMethods.refresh(event.data.object.id, requestId);
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted':
        return this.subscriptions.reconcile(event.data.object.id);
      default:
        return Promise.resolve(null);
    }
  }
}
