export type UsageRejectionReason =
  | 'UNKNOWN_METRIC'
  | 'BAD_QUANTITY'
  | 'TIMESTAMP_IN_FUTURE'
  | 'TIMESTAMP_IN_CLOSED_PERIOD'
  | 'PROPERTIES_TOO_LARGE'
  | 'MISSING_PROPERTY'
  | 'QUOTA_EXCEEDED'
  | 'SPENDING_CAP_EXCEEDED';

/** What a HARD quota refusal tells the client: numbers as decimal text, like every quantity. */
export interface QuotaRefusal {
  metric: string;
  limit: string;
  used: string;
  resets_at: string;
}

/** What a spending cap refusal tells the client: amounts as strings of minor units of `currency`. */
export interface SpendingCapRefusal {
  cap_minor: string;
  spent_minor: string;
  currency: string;
  resets_at: string;
}

export interface UsageEventResult {
  idempotency_key: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: UsageRejectionReason;
  message: string;
  quota?: QuotaRefusal;
  spending_cap?: SpendingCapRefusal;
}

export interface UsageBatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: UsageEventResult[];
}

export const accepted = (key: string): UsageEventResult => ({
  idempotency_key: key,
  status: 'accepted',
  message: 'Recorded',
});

export const duplicate = (key: string): UsageEventResult => ({
  idempotency_key: key,
  status: 'duplicate',
  message: 'An event with this idempotency key was received before; it counts once',
});

export const rejected = (
  key: string,
  reason: UsageRejectionReason,
  message: string,
  quota?: QuotaRefusal,
): UsageEventResult => ({ idempotency_key: key, status: 'rejected', reason, message, ...(quota && { quota }) });
