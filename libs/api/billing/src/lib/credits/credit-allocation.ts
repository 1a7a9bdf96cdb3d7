/** What allocation needs of a grant: its balance, when it stops being spendable, and its age. */
export interface SpendableGrant {
  id: string;
  remainingMinor: bigint;
  expiresAt: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface CreditAllocation {
  grantId: string;
  amountMinor: bigint;
}

/**
 * The order grants are spent in: the soonest expiry first (money about to lapse is used before money
 * that keeps), grants that never expire last, and among equals the oldest grant first; the id settles
 * grants made in the same millisecond, so the order is total and every run agrees.
 */
export function spendingOrder(a: SpendableGrant, b: SpendableGrant): number {
  if (a.expiresAt?.getTime() !== b.expiresAt?.getTime()) {
    if (a.expiresAt === null) return 1;
    if (b.expiresAt === null) return -1;
    return a.expiresAt.getTime() - b.expiresAt.getTime();
  }
  if (a.createdAt.getTime() !== b.createdAt.getTime()) return a.createdAt.getTime() - b.createdAt.getTime();
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A grant can pay at `at` if it has a balance, is not revoked and has not expired by then. */
export function spendableAt(grant: SpendableGrant, at: Date): boolean {
  return (
    grant.remainingMinor > 0n &&
    grant.revokedAt === null &&
    (grant.expiresAt === null || grant.expiresAt.getTime() > at.getTime())
  );
}

/**
 * How grants pay an invoice total at `at`: in spending order, each as much as it has until the total is
 * paid. Never more than the total, never more than a grant holds, never from an expired or revoked grant.
 */
export function allocateCredits(totalMinor: bigint, grants: readonly SpendableGrant[], at: Date): CreditAllocation[] {
  const allocations: CreditAllocation[] = [];
  let left = totalMinor;
  for (const grant of grants.filter((candidate) => spendableAt(candidate, at)).sort(spendingOrder)) {
    if (left <= 0n) break;
    const amountMinor = grant.remainingMinor < left ? grant.remainingMinor : left;
    allocations.push({ grantId: grant.id, amountMinor });
    left -= amountMinor;
  }
  return allocations;
}
