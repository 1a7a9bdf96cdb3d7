import type { InvitationModel as InvitationRow, Prisma, TenantTx } from '@warbler/api/core';
import { invitationNotFound } from '../shared/tenancy-errors';

/**
 * Changes an invitation only if it is still pending when the write happens, so a revoke,
 * resend or acceptance racing with another never revives or reuses a settled invitation:
 * the loser finds it gone, as if it had read it a moment later.
 */
export async function updatePending(
  tx: TenantTx,
  invitation: Pick<InvitationRow, 'tenantId' | 'id'>,
  data: Prisma.InvitationUpdateManyMutationInput,
): Promise<InvitationRow> {
  const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, status: 'PENDING' }, data });
  if (count === 0) throw invitationNotFound();
  return tx.invitation.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: invitation.tenantId, id: invitation.id } },
  });
}
