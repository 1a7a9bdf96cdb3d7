import type Stripe from 'stripe';

export interface PaymentMethodSummary {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** What tenants.payment_method_summary keeps of a card; null for none, or for what is not a card. */
export function summaryOf(paymentMethod: Stripe.PaymentMethod | null): PaymentMethodSummary | null {
  const card = paymentMethod?.card;
  if (!card) return null;
  return { brand: card.brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year };
}

/** Reads the stored JSON back, refusing anything that is not a summary. */
export function storedSummary(value: unknown): PaymentMethodSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const { brand, last4, expMonth, expYear } = value as Record<string, unknown>;
  if (typeof brand !== 'string' || typeof last4 !== 'string') return null;
  if (typeof expMonth !== 'number' || typeof expYear !== 'number') return null;
  return { brand, last4, expMonth, expYear };
}
