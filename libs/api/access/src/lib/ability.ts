import type { Actor } from '@warbler/api/core';
import { defineAbilityFor, type AppAbility } from '@warbler/shared/permissions';

/** The CASL ability of an actor, built from the shared rule definitions. */
export function abilityOf(actor: Actor): AppAbility {
  return defineAbilityFor({
    userId: actor.userId,
    tenantRole: actor.tenantRole,
    staffRole: actor.staffRole,
    mfaSatisfied: actor.mfaSatisfied,
  });
}
