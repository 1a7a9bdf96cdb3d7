const SESSION = `id tenantId tenantName staffEmail viewedAsEmail viewedAsRole reason ticketReference mode status
durationMinutes requestedAt startedAt expiresAt writeGrantUntil approvedByEmail approvedAt endedAt endedHow endedByEmail
requestCount`;
const SETTINGS = 'access writeGrantUntil writeGrantedByEmail writeGrantedAt';

/** The support operations as the console sends them. */
export const SupportOps = {
  supportTenants: `query($search: String!) { supportTenants(search: $search) { id name slug ownerEmail supportAccess supportWriteUntil } }`,
  supportViewableMembers: `query($tenantId: ID!) { supportViewableMembers(tenantId: $tenantId) { userId email role } }`,
  startSupportSession: `mutation($input: StartSupportSessionInput!) { startSupportSession(input: $input) { ${SESSION} } }`,
  mySupportSessions: `{ mySupportSessions { ${SESSION} } }`,
  pendingSupportSessions: `{ pendingSupportSessions { ${SESSION} } }`,
  approveSupportSession: `mutation($id: ID!, $tenantId: ID) { approveSupportSession(id: $id, tenantId: $tenantId) { ${SESSION} } }`,
  endSupportSession: `mutation($id: ID!, $tenantId: ID) { endSupportSession(id: $id, tenantId: $tenantId) { ${SESSION} } }`,
  supportSession: `query($id: ID!, $tenantId: ID) { supportSession(id: $id, tenantId: $tenantId) { ${SESSION} } }`,
  supportSessions: `{ supportSessions { ${SESSION} } }`,
  supportSessionRequests: `query($id: ID!) { supportSessionRequests(id: $id) { id at operation isChange outcome } }`,
  supportAccess: `{ supportAccess { ${SETTINGS} } }`,
  setSupportAccess: `mutation($access: SupportAccess!) { setSupportAccess(access: $access) { ${SETTINGS} } }`,
  grantSupportWrite: `mutation($until: DateTime!) { grantSupportWrite(until: $until) { ${SETTINGS} } }`,
  revokeSupportWrite: `mutation { revokeSupportWrite { ${SETTINGS} } }`,
} as const;

export interface SupportSessionView {
  id: string;
  tenantId: string;
  tenantName: string;
  staffEmail: string | null;
  viewedAsEmail: string | null;
  viewedAsRole: string;
  reason: string;
  ticketReference: string;
  mode: 'READ_ONLY' | 'WRITE';
  status: 'PENDING_APPROVAL' | 'ACTIVE' | 'ENDED';
  durationMinutes: number;
  requestedAt: string;
  startedAt: string | null;
  expiresAt: string;
  writeGrantUntil: string | null;
  approvedByEmail: string | null;
  approvedAt: string | null;
  endedAt: string | null;
  endedHow: 'ENDED_BY_STAFF' | 'ENDED_BY_TENANT' | 'EXPIRED' | 'LOGOUT' | null;
  endedByEmail: string | null;
  requestCount: number;
}

export interface SupportAccessView {
  access: 'ALLOWED' | 'REFUSED';
  writeGrantUntil: string | null;
  writeGrantedByEmail: string | null;
  writeGrantedAt: string | null;
}
