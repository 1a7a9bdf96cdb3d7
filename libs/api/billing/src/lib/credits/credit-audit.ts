import type { AuditState } from '@warbler/api/audit';
import type { CreditMovement } from '@warbler/api/core';

/** The audit actions of credits, in the tenant's own log: one event per ledger movement. */
export const CreditAction = {
  GRANTED: 'credit.granted',
  APPLIED: 'credit.applied',
  RESTORED: 'credit.restored',
  EXPIRED: 'credit.expired',
  REVOKED: 'credit.revoked',
} as const satisfies Record<CreditMovement, string>;

export const CREDIT_GRANT_TARGET = 'CreditGrant';

/** One movement of one grant, as the ledger keeps it and the audit log tells it. */
export interface MadeMovement {
  grantId: string;
  kind: CreditMovement;
  currency: string;
  /** Signed: GRANTED and RESTORED add to the grant, the others take from it. */
  amountMinor: bigint;
  balanceBeforeMinor: bigint;
  balanceAfterMinor: bigint;
  invoiceId: string | null;
}

export function movementAudit(movement: MadeMovement, grantTerms: AuditState | null = null) {
  return {
    action: CreditAction[movement.kind],
    targetType: CREDIT_GRANT_TARGET,
    targetId: movement.grantId,
    before: { remainingMinor: movement.balanceBeforeMinor.toString(), movement: null, grant: null },
    after: {
      remainingMinor: movement.balanceAfterMinor.toString(),
      movement: {
        kind: movement.kind,
        amountMinor: movement.amountMinor.toString(),
        currency: movement.currency,
        invoiceId: movement.invoiceId,
      },
      grant: grantTerms,
    },
  };
}
