import type { TenantActor, TenantRole } from '@warbler/api/core';
import { actorFor, newMember, newTenant } from '@warbler/api/core/testing';
import { bearerFor, type Caller } from '@warbler/api/access/testing';

export const TENANT_ROLES: TenantRole[] = ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'];

export interface Person {
  user: { id: string; email: string };
  actor: TenantActor;
  caller: Caller;
}

/** A tenant with one signed-in member of each role. */
export type TenantPeople = { tenantId: string } & Record<TenantRole, Person>;

export async function tenantPeople(): Promise<TenantPeople> {
  const tenant = await newTenant();
  const people = { tenantId: tenant.id } as TenantPeople;
  for (const role of TENANT_ROLES) {
    const member = await newMember(tenant.id, role);
    people[role] = {
      user: member.user,
      actor: actorFor(member),
      caller: { token: await bearerFor(member.user), tenantId: tenant.id },
    };
  }
  return people;
}
