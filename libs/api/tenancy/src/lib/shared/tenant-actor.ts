import { type Actor, DomainError, isTenantActor, type TenantActor } from '@warbler/api/core';

/**
 * The actor of an operation that works inside a tenant. The guard's @Can already refused
 * anyone without a tenant role; this makes that visible to the types.
 */
export function inTenant(actor: Actor): TenantActor {
  if (!isTenantActor(actor)) throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
  return actor;
}
