import { registerEnumType } from '@nestjs/graphql';
import { WebhookDeliveryStatus } from '@warbler/api/core';
import type { WebhookEventType as StoredEventType } from '../events/webhook-event-types';

export { WebhookDeliveryStatus };

/** The event types as GraphQL names them; the values are what endpoints receive in `type`. */
export enum WebhookEventType {
  QUOTA_THRESHOLD_REACHED = 'quota.threshold_reached',
  QUOTA_EXCEEDED = 'quota.exceeded',
  INVOICE_FINALIZED = 'invoice.finalized',
  INVOICE_PAID = 'invoice.paid',
  PAYMENT_FAILED = 'payment.failed',
  SUBSCRIPTION_CHANGED = 'subscription.changed',
  SEAT_LIMIT_REACHED = 'seat_limit.reached',
  SUPPORT_SESSION_STARTED = 'support_session.started',
  SUPPORT_SESSION_ENDED = 'support_session.ended',
}

// Fails to compile when the GraphQL enum and the list of event types part ways.
const sameTypes: Record<StoredEventType, true> = {
  [WebhookEventType.QUOTA_THRESHOLD_REACHED]: true,
  [WebhookEventType.QUOTA_EXCEEDED]: true,
  [WebhookEventType.INVOICE_FINALIZED]: true,
  [WebhookEventType.INVOICE_PAID]: true,
  [WebhookEventType.PAYMENT_FAILED]: true,
  [WebhookEventType.SUBSCRIPTION_CHANGED]: true,
  [WebhookEventType.SEAT_LIMIT_REACHED]: true,
  [WebhookEventType.SUPPORT_SESSION_STARTED]: true,
  [WebhookEventType.SUPPORT_SESSION_ENDED]: true,
};
void sameTypes;

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'What a webhook endpoint can subscribe to; the value sent is e.g. invoice.finalized',
});
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING until a 2xx answer (SUCCEEDED) or until retries run out three days after the event (FAILED)',
});
