/** The audit actions this domain records: `<target>.<what happened>`. */
export const TenancyAction = {
  memberInvited: 'member.invited',
  memberRoleChanged: 'member.role_changed',
  memberRemoved: 'member.removed',
  seatAssigned: 'member.seat_assigned',
  seatUnassigned: 'member.seat_unassigned',
  ownershipTransferred: 'tenant.ownership_transferred',
  invitationRevoked: 'invitation.revoked',
  invitationResent: 'invitation.resent',
  invitationAccepted: 'invitation.accepted',
} as const;
