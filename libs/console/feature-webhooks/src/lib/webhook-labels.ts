import type { ChipTone } from '@warbler/console/ui';
import type { WebhookDeliveryStatus, WebhookEventType } from '@warbler/console/data-access';

export interface EventTypeOption {
  value: WebhookEventType;
  /** What the endpoint receives in the body's `type`. */
  wire: string;
  label: string;
  hint: string;
}

/** Every event an endpoint can subscribe to, in the order the form lists them. */
export const EVENT_TYPES: readonly EventTypeOption[] = [
  {
    value: 'QUOTA_THRESHOLD_REACHED',
    wire: 'quota.threshold_reached',
    label: 'Quota threshold reached',
    hint: 'A quota reached 80% this period',
  },
  {
    value: 'QUOTA_EXCEEDED',
    wire: 'quota.exceeded',
    label: 'Quota exceeded',
    hint: 'A quota reached 100% this period',
  },
  {
    value: 'INVOICE_FINALIZED',
    wire: 'invoice.finalized',
    label: 'Invoice finalized',
    hint: 'An invoice was issued with its number',
  },
  { value: 'INVOICE_PAID', wire: 'invoice.paid', label: 'Invoice paid', hint: 'An invoice was paid in full' },
  {
    value: 'PAYMENT_FAILED',
    wire: 'payment.failed',
    label: 'Payment failed',
    hint: 'A card charge for an invoice failed',
  },
  {
    value: 'SUBSCRIPTION_CHANGED',
    wire: 'subscription.changed',
    label: 'Subscription changed',
    hint: 'The plan or seats changed',
  },
  {
    value: 'SEAT_LIMIT_REACHED',
    wire: 'seat_limit.reached',
    label: 'Seat limit reached',
    hint: 'The last free seat was taken',
  },
  {
    value: 'SUPPORT_SESSION_STARTED',
    wire: 'support_session.started',
    label: 'Support session started',
    hint: 'Support began viewing your tenant',
  },
  {
    value: 'SUPPORT_SESSION_ENDED',
    wire: 'support_session.ended',
    label: 'Support session ended',
    hint: 'A support session ended',
  },
];

const BY_WIRE = new Map(EVENT_TYPES.map((option) => [option.wire, option.label]));

/** The label of an event as deliveries name it (`invoice.paid`, or `webhook.test`). */
export function eventLabel(wireType: string): string {
  if (wireType === 'webhook.test') return 'Test event';
  return BY_WIRE.get(wireType) ?? wireType;
}

export const DELIVERY_STATUS: Record<WebhookDeliveryStatus, { label: string; tone: ChipTone; hint: string }> = {
  PENDING: { label: 'Pending', tone: 'tertiary', hint: 'Waiting for its next attempt' },
  SUCCEEDED: { label: 'Succeeded', tone: 'secondary', hint: 'The endpoint answered 2xx' },
  FAILED: { label: 'Failed', tone: 'error', hint: 'No 2xx answer within three days of retries' },
};

/** What an attempt came to, in a few words: the status code, or why there was none. */
export function attemptSummary(attempt: {
  statusCode?: number | null;
  error?: string | null;
  succeeded: boolean;
}): string {
  if (attempt.statusCode != null) return `HTTP ${attempt.statusCode}`;
  return attempt.error ?? (attempt.succeeded ? 'Delivered' : 'No answer');
}
