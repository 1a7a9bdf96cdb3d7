import { parseMajorAmount } from '@warbler/console/feature-billing';
import { describeAmountProblem } from '../payment-amount';

export interface CreditGrantForm {
  amount: string;
  currency: string;
  reason: string;
  /** The last day the credits may be spent; null: they never expire. */
  expiresOn: Date | null;
}

/** What is wrong with a typed grant amount, in words, or null when it is money in the currency. */
export function grantAmountProblem(typed: string, currency: string): string | null {
  const parsed = parseMajorAmount(typed, currency);
  return parsed.ok ? null : describeAmountProblem(parsed.problem, currency);
}

/**
 * The grant as the API takes it: the amount in minor units, the reason trimmed, and an expiry at the
 * end of the chosen day in the person's time zone (credits "expiring on" a day can be spent all that day).
 */
export function grantInput(form: CreditGrantForm): { amountMinor: string; reason: string; expiresAt: string | null } {
  const parsed = parseMajorAmount(form.amount, form.currency);
  if (!parsed.ok) throw new RangeError(grantAmountProblem(form.amount, form.currency) ?? 'invalid amount');
  let expiresAt: string | null = null;
  if (form.expiresOn) {
    const end = new Date(form.expiresOn);
    end.setHours(23, 59, 59, 999);
    expiresAt = end.toISOString();
  }
  return { amountMinor: parsed.minor, reason: form.reason.trim(), expiresAt };
}
