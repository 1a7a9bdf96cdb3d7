import { randomUUID } from 'node:crypto';
import { AccessTokens } from '@warbler/api/access';
import type { Caller } from '@warbler/api/access/testing';
import { signedInStaffAs, signedInTenantMember } from '@warbler/api/catalog/testing';
import type { StaffRole, TenantRole } from '@warbler/api/core';
import { newUser, ownerClient, testConfig } from '@warbler/api/core/testing';

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

/** A finance user whose session has not passed the second factor yet. */
async function bearerWithoutMfa(): Promise<string> {
  const user = await newUser({ staffRole: 'FINANCE' });
  const session = await ownerClient().session.create({
    data: { id: randomUUID(), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), mfaPassed: false },
  });
  return new AccessTokens(testConfig()).sign({
    sub: user.id,
    sid: session.id,
    email: user.email,
    staff: 'FINANCE',
    mfa: false,
  }).token;
}

/** A signed-in caller of each role (tenant roles working in `tenantId`); null for the anonymous caller. */
export async function callersOfEveryRole(tenantId: string): Promise<Map<Who, Caller | null>> {
  const callers = new Map<Who, Caller | null>();
  for (const staffRole of ['PLATFORM_ADMIN', 'SUPPORT', 'FINANCE'] as const) {
    callers.set(staffRole, (await signedInStaffAs(staffRole)).caller);
  }
  for (const role of ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const) {
    callers.set(role, (await signedInTenantMember(tenantId, role)).caller);
  }
  callers.set('STAFF_WITHOUT_MFA', { token: await bearerWithoutMfa() });
  callers.set('ANONYMOUS', null);
  return callers;
}
