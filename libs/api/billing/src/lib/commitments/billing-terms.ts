import { badInput, conflict } from '@warbler/api/core';
import { formatMinor } from '@warbler/shared/pricing';

/** A tenant's row of tenant_billing_terms, amounts in minor units of `currency`. */
export interface StoredBillingTerms {
  currency: string;
  minimumCommitmentMinor: bigint | null;
  maxSpendingCapMinor: bigint | null;
  spendingCapRequired: boolean;
  spendingAlertMinor: bigint | null;
  spendingCapMinor: bigint | null;
  spendingAlertNotifiedFor: Date | null;
}

/** The terms as they apply to a subscription, amounts in its currency. */
export type BillingTerms = Omit<StoredBillingTerms, 'currency' | 'spendingAlertNotifiedFor'>;

export const NO_TERMS: BillingTerms = {
  minimumCommitmentMinor: null,
  maxSpendingCapMinor: null,
  spendingCapRequired: false,
  spendingAlertMinor: null,
  spendingCapMinor: null,
};

/**
 * The terms in `currency`: amounts set while the subscription billed in another currency do not apply
 * (500.00 USD is not 500 JPY), so they read as unset until someone sets them again.
 */
export function termsIn(stored: StoredBillingTerms | null, currency: string): BillingTerms {
  if (!stored || stored.currency !== currency) return NO_TERMS;
  return {
    minimumCommitmentMinor: stored.minimumCommitmentMinor,
    maxSpendingCapMinor: stored.maxSpendingCapMinor,
    spendingCapRequired: stored.spendingCapRequired,
    spendingAlertMinor: stored.spendingAlertMinor,
    spendingCapMinor: stored.spendingCapMinor,
  };
}

export const hasFinanceTerms = (stored: StoredBillingTerms) =>
  stored.minimumCommitmentMinor !== null || stored.maxSpendingCapMinor !== null || stored.spendingCapRequired;

/** The terms as the audit log keeps them: amounts as strings of minor units. */
export function auditedTerms(terms: BillingTerms, currency: string): Record<string, string | boolean | null> {
  const text = (minor: bigint | null) => (minor === null ? null : minor.toString());
  return {
    currency,
    minimumCommitmentMinor: text(terms.minimumCommitmentMinor),
    maxSpendingCapMinor: text(terms.maxSpendingCapMinor),
    spendingCapRequired: terms.spendingCapRequired,
    spendingAlertMinor: text(terms.spendingAlertMinor),
    spendingCapMinor: text(terms.spendingCapMinor),
  };
}

export const BillingTermsAction = {
  commitmentChanged: 'billing_terms.commitment_changed',
  limitsChanged: 'billing_terms.spending_limits_changed',
  controlsChanged: 'billing_terms.spending_controls_changed',
} as const;

const MINOR_UNITS = /^\d{1,18}$/;

/** Whole minor units (a string of digits) or null; `min` is the least allowed. BAD_USER_INPUT otherwise. */
export function parseMinorAmount(raw: string | null | undefined, field: string, min: bigint): bigint | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  if (!MINOR_UNITS.test(text) || BigInt(text) < min) {
    throw badInput(
      `${field} must be a whole number of minor units of at least ${min}, got ${JSON.stringify(raw)}`,
      'INVALID_AMOUNT',
      { field },
    );
  }
  return BigInt(text);
}

const money = (minor: bigint, currency: string) => `${formatMinor(minor, currency)} ${currency}`;

export const capAboveLimit = (limitMinor: bigint, currency: string) =>
  badInput(
    `The spending cap may be at most ${money(limitMinor, currency)}, the highest cap your billing terms allow`,
    'SPENDING_CAP_ABOVE_LIMIT',
    { maxSpendingCapMinor: limitMinor.toString(), currency },
  );

export const capRequired = (limitMinor: bigint, currency: string) =>
  badInput(
    `Your billing terms require a spending cap (at most ${money(limitMinor, currency)}); it cannot be removed`,
    'SPENDING_CAP_REQUIRED',
    { maxSpendingCapMinor: limitMinor.toString(), currency },
  );

export const requiredCapNeedsLimit = () =>
  badInput('A required spending cap needs a highest cap (maxSpendingCapMinor)', 'SPENDING_CAP_LIMIT_MISSING');

export const termsInOtherCurrency = (stored: string, current: string) =>
  conflict(
    `Your billing terms were set in ${stored} and your plan now bills in ${current}: ask finance to set them again`,
    'BILLING_TERMS_IN_OTHER_CURRENCY',
  );
