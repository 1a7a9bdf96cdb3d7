import type { TenantActor, TenantRole } from '@warbler/api/core';
import { actorFor, bearerFor, type Caller, newMember, newTenant, newUser, ownerClient } from './harness';

export interface WorldMember {
  user: { id: string; email: string };
  membership: { tenantId: string; id: string; role: TenantRole };
  actor: TenantActor;
  caller: Caller;
}

/** A tenant with one signed-in member of each role, ready for service and HTTP calls. */
export interface TenantWorld {
  tenant: { id: string; name: string; seatLimit: number };
  OWNER: WorldMember;
  ADMIN: WorldMember;
  BILLING_ADMIN: WorldMember;
  MEMBER: WorldMember;
}

export async function signedInMember(tenantId: string, role: TenantRole, seatAssigned = false): Promise<WorldMember> {
  const member = await newMember(tenantId, role, { seatAssigned });
  return { ...member, actor: actorFor(member), caller: { token: await bearerFor(member.user), tenantId } };
}

export async function tenantWorld(options: { seatLimit?: number } = {}): Promise<TenantWorld> {
  const tenant = await newTenant({ seatLimit: options.seatLimit });
  return {
    tenant,
    OWNER: await signedInMember(tenant.id, 'OWNER'),
    ADMIN: await signedInMember(tenant.id, 'ADMIN'),
    BILLING_ADMIN: await signedInMember(tenant.id, 'BILLING_ADMIN'),
    MEMBER: await signedInMember(tenant.id, 'MEMBER'),
  };
}

/** A platform staff member signed in with MFA passed, working in no tenant. */
export async function signedInStaff(): Promise<{ user: { id: string; email: string }; caller: Caller }> {
  const user = await newUser({ staffRole: 'PLATFORM_ADMIN' });
  return { user, caller: { token: await bearerFor(user) } };
}

/** Everything the database holds for a tenant's people and invitations, as its owner sees it. */
export async function tenantSnapshot(tenantId: string) {
  const db = ownerClient();
  return {
    tenant: await db.tenant.findUniqueOrThrow({ where: { id: tenantId } }),
    memberships: await db.membership.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
    invitations: await db.invitation.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
    outbox: await db.outboxEmail.count({ where: { tenantId } }),
    auditEvents: await db.auditEvent.count({ where: { tenantId } }),
  };
}
