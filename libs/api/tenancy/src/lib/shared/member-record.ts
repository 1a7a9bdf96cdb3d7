import type { MembershipModel, TenantTx } from '@warbler/api/core';
import { memberNotFound } from './tenancy-errors';

/** What every member operation reads: the membership and the person behind it. */
export const MEMBER_INCLUDE = { user: { select: { id: true, email: true, displayName: true } } } as const;

export type MemberRecord = MembershipModel & { user: { id: string; email: string; displayName: string } };

/**
 * An active member of the transaction's tenant. Row-level security hides every other
 * tenant's members, so an id from elsewhere reads as unknown: NOT_FOUND, never FORBIDDEN,
 * which would confirm that the id exists.
 */
export async function activeMember(tx: TenantTx, memberId: string): Promise<MemberRecord> {
  const member = await tx.membership.findFirst({ where: { id: memberId, status: 'ACTIVE' }, include: MEMBER_INCLUDE });
  if (!member) throw memberNotFound();
  return member;
}

/** The key Prisma updates a membership by. */
export const memberKey = (member: { tenantId: string; id: string }) => ({
  tenantId_id: { tenantId: member.tenantId, id: member.id },
});
