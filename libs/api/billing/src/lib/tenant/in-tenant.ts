import { type Actor, DomainError, isTenantActor, type TenantActor } from '@warbler/api/core';

/** The guard's @Can already refused callers without a tenant role; this tells the types. */
export function inTenant(actor: Actor): TenantActor {
  if (!isTenantActor(actor)) throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
  return actor;
}
