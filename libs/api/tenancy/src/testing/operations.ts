/** The tenancy operations as the console sends them. */
const MEMBER = 'id role seatAssigned joinedAt user { id email displayName }';
const INVITATION = 'id email role assignSeat expiresAt lastSentAt sendCount expired';

export const Ops = {
  currentTenant: `{ currentTenant { id name slug status seatLimit seatsAssigned memberCount } }`,
  members: `{ members { ${MEMBER} } }`,
  invitations: `{ invitations { ${INVITATION} } }`,
  invitationPreview: `query($token: String!) { invitationPreview(token: $token) { tenantName email role expiresAt accountExists } }`,
  inviteMember: `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl invitation { ${INVITATION} } } }`,
  resendInvitation: `mutation($id: ID!) { resendInvitation(id: $id) { acceptUrl invitation { ${INVITATION} } } }`,
  revokeInvitation: `mutation($id: ID!) { revokeInvitation(id: $id) { ${INVITATION} } }`,
  acceptInvitation: `mutation($token: String!) { acceptInvitation(token: $token) { role tenant { id name slug } } }`,
  changeMemberRole: `mutation($memberId: ID!, $role: TenantRole!) { changeMemberRole(memberId: $memberId, role: $role) { ${MEMBER} } }`,
  removeMember: `mutation($memberId: ID!) { removeMember(memberId: $memberId) { ${MEMBER} } }`,
  transferOwnership: `mutation($memberId: ID!) { transferOwnership(memberId: $memberId) { ${MEMBER} } }`,
  assignSeat: `mutation($memberId: ID!) { assignSeat(memberId: $memberId) { ${MEMBER} } }`,
  unassignSeat: `mutation($memberId: ID!) { unassignSeat(memberId: $memberId) { ${MEMBER} } }`,
} as const;

export type OperationName = keyof typeof Ops;

/** The token an accept link carries. */
export const tokenOf = (acceptUrl: string) => acceptUrl.slice(acceptUrl.lastIndexOf('/') + 1);
