/** The events a tenant's endpoints can subscribe to; docs/webhooks.md shows each payload. */
export const WEBHOOK_EVENT_TYPES = [
  'quota.threshold_reached',
  'quota.exceeded',
  'invoice.finalized',
  'invoice.paid',
  'payment.failed',
  'subscription.changed',
  'seat_limit.reached',
  'support_session.started',
  'support_session.ended',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent from the console to one endpoint only, whatever it subscribes to. */
export const TEST_EVENT_TYPE = 'webhook.test';

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** Timestamps are ISO 8601 strings; amounts are integer minor units and quantities decimals, both as strings. */
export interface QuotaEventData {
  metric: string;
  metric_name: string;
  unit: string;
  limit: string;
  used: string;
  threshold_percent: number;
  enforcement: 'HARD' | 'SOFT';
  period_start: string;
  resets_at: string;
}

export interface InvoiceFinalizedData {
  invoice_id: string;
  number: string;
  currency: string;
  total_minor: string;
  /** The total less prepaid credits applied at finalization: what the tenant is asked to pay. */
  amount_due_minor: string;
  period_start: string;
  period_end: string;
  issued_at: string;
  due_at: string | null;
}

export interface InvoicePaidData {
  invoice_id: string;
  number: string | null;
  currency: string;
  total_minor: string;
  amount_paid_minor: string;
  paid_at: string;
}

export interface PaymentFailedData {
  invoice_id: string;
  number: string | null;
  currency: string;
  amount_due_minor: string;
  failed_at: string;
  provider: 'stripe';
}

export interface SubscriptionTerms {
  plan_code: string;
  plan_version: number;
  plan_version_id: string;
  seat_quantity: number;
}

export interface SubscriptionChangedData {
  subscription_id: string;
  change_id: string;
  kind: string;
  effective_at: string;
  from: SubscriptionTerms;
  to: SubscriptionTerms;
}

export interface SeatLimitReachedData {
  seat_limit: number;
  seats_in_use: number;
  /** What took the last free seat, or found none. */
  trigger: 'seat_assigned' | 'invitation_accepted';
  member_id: string;
}

export interface SupportSessionStartedData {
  support_session_id: string;
  mode: string;
  reason: string;
  ticket_reference: string;
  started_at: string;
  expires_at: string;
}

export interface SupportSessionEndedData {
  support_session_id: string;
  ended_at: string;
  ended_how: string;
}

/** The `data` of each event type. */
export interface WebhookEventData {
  'quota.threshold_reached': QuotaEventData;
  'quota.exceeded': QuotaEventData;
  'invoice.finalized': InvoiceFinalizedData;
  'invoice.paid': InvoicePaidData;
  'payment.failed': PaymentFailedData;
  'subscription.changed': SubscriptionChangedData;
  'seat_limit.reached': SeatLimitReachedData;
  'support_session.started': SupportSessionStartedData;
  'support_session.ended': SupportSessionEndedData;
}
