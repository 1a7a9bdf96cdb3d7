import type { StaffRole, TenantRole } from '@warbler/api/core';
import { newMember, newTenant, newUser, ownerClient } from '@warbler/api/core/testing';
import { bearerFor, type Caller } from '@warbler/api/access/testing';

export const TENANT_ROLES: TenantRole[] = ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'];
export const STAFF_ROLES: StaffRole[] = ['SUPPORT', 'FINANCE', 'PLATFORM_ADMIN'];

export interface Person {
  user: { id: string; email: string; staffRole?: StaffRole | null };
  /** Signed in, working in the tenant (X-Tenant-Id). */
  caller: Caller;
}

/** A tenant with one signed-in member of each role. */
export type SupportTenant = { tenantId: string; name: string } & Record<TenantRole, Person>;

export async function supportTenant(): Promise<SupportTenant> {
  const tenant = await newTenant();
  const world = { tenantId: tenant.id, name: tenant.name } as SupportTenant;
  for (const role of TENANT_ROLES) {
    const member = await newMember(tenant.id, role);
    world[role] = { user: member.user, caller: { token: await bearerFor(member.user), tenantId: tenant.id } };
  }
  return world;
}

/** A staff member signed in (MFA passed), working in no tenant. */
export async function staffMember(role: StaffRole): Promise<Person & { sessionId: string }> {
  const user = await newUser({ staffRole: role });
  const token = await bearerFor(user);
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string };
  return { user, caller: { token }, sessionId: claims.sid };
}

/** The headers a support engineer's console sends while working inside a support session. */
export function inSession(staff: Person, tenantId: string, sessionId: string): Record<string, string> {
  return {
    authorization: `Bearer ${staff.caller.token}`,
    'x-tenant-id': tenantId,
    'x-support-session': sessionId,
  };
}

/** The session log of a support session, oldest first, as the database holds it. */
export function requestLog(tenantId: string, supportSessionId: string) {
  return ownerClient().supportSessionRequest.findMany({
    where: { tenantId, supportSessionId },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
}

export interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

/** One GraphQL operation over HTTP with exactly these headers. */
export async function graphqlWith<T = Record<string, unknown>>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer<T>;
}
