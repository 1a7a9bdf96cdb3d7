import type { CreditGrantKind, CreditGrantStatus, CreditMovement } from '@warbler/console/data-access';
import type { ChipTone } from '@warbler/console/ui';

export const CREDIT_KIND_LABELS: Record<CreditGrantKind, string> = {
  PAID: 'Paid',
  PROMOTIONAL: 'Promotional',
};

export const CREDIT_MOVEMENT_LABELS: Record<CreditMovement, string> = {
  GRANTED: 'Granted',
  APPLIED: 'Applied to invoice',
  RESTORED: 'Returned (invoice voided)',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
};

export const CREDIT_STATUS_LABELS: Record<CreditGrantStatus, string> = {
  ACTIVE: 'Active',
  USED_UP: 'Used up',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
};

/** The status chip's tone: what can still be spent stands out, what cannot is quiet. */
export const CREDIT_STATUS_TONES: Record<CreditGrantStatus, ChipTone> = {
  ACTIVE: 'primary',
  USED_UP: 'neutral',
  EXPIRED: 'tertiary',
  REVOKED: 'error',
};
