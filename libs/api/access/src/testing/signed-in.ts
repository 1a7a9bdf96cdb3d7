import { randomUUID } from 'node:crypto';
import type { StaffRole, TenantRole } from '@warbler/api/core';
import { newMember, newUser, ownerClient, testConfig } from '@warbler/api/core/testing';
import { AccessTokens } from '../lib/access-tokens';
import { bearerFor } from './bearer';
import type { Caller } from './graphql-request';

/** A staff member signed in with the second factor passed, acting in no tenant. */
export async function signedInStaffAs(
  staffRole: StaffRole,
): Promise<{ user: { id: string; email: string }; caller: Caller }> {
  const user = await newUser({ staffRole });
  return { user, caller: { token: await bearerFor(user) } };
}

/** A member of the tenant signed in and working in it. */
export async function signedInTenantMember(tenantId: string, role: TenantRole, email?: string) {
  const member = await newMember(tenantId, role, { email });
  return { ...member, caller: { token: await bearerFor(member.user), tenantId } satisfies Caller };
}

/** A staff member whose session has not passed the second factor yet. */
export async function staffWithoutMfa(staffRole: StaffRole = 'FINANCE'): Promise<Caller> {
  const user = await newUser({ staffRole });
  const session = await ownerClient().session.create({
    data: { id: randomUUID(), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), mfaPassed: false },
  });
  const { token } = new AccessTokens(testConfig()).sign({
    sub: user.id,
    sid: session.id,
    email: user.email,
    staff: staffRole,
    mfa: false,
  });
  return { token };
}

/** Everyone a role matrix asks: each staff role, each tenant role, staff short of MFA, and no one. */
export type Who = StaffRole | TenantRole | 'STAFF_WITHOUT_MFA' | 'ANONYMOUS';

/** Everyone a role matrix asks, in the order its rows list their expectations. */
export const EVERYONE: Who[] = [
  'PLATFORM_ADMIN',
  'SUPPORT',
  'FINANCE',
  'OWNER',
  'ADMIN',
  'BILLING_ADMIN',
  'MEMBER',
  'STAFF_WITHOUT_MFA',
  'ANONYMOUS',
];

/** A signed-in caller of each role (tenant roles working in `tenantId`); null for the anonymous caller. */
export async function callersOfEveryRole(tenantId: string): Promise<Map<Who, Caller | null>> {
  const callers = new Map<Who, Caller | null>();
  for (const staffRole of ['PLATFORM_ADMIN', 'SUPPORT', 'FINANCE'] as const) {
    callers.set(staffRole, (await signedInStaffAs(staffRole)).caller);
  }
  for (const role of ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const) {
    callers.set(role, (await signedInTenantMember(tenantId, role)).caller);
  }
  callers.set('STAFF_WITHOUT_MFA', await staffWithoutMfa());
  callers.set('ANONYMOUS', null);
  return callers;
}
