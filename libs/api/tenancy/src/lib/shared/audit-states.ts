import type { InvitationModel } from '@warbler/api/core';
import type { AuditState } from '@warbler/api/audit';
import type { MemberRecord } from './member-record';

/** The fields of a membership the audit log keeps; the e-mail says who it was at the time. */
export function memberState(member: MemberRecord): AuditState {
  return {
    userId: member.userId,
    email: member.user.email,
    role: member.role,
    seatAssigned: member.seatAssigned,
    status: member.status,
  };
}

/** The fields of an invitation the audit log keeps: never its token hash. */
export function invitationState(invitation: InvitationModel): AuditState {
  return {
    email: invitation.email,
    role: invitation.role,
    assignSeat: invitation.assignSeat,
    status: invitation.status,
    expiresAt: invitation.expiresAt,
    sendCount: invitation.sendCount,
  };
}
