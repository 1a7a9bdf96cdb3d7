import { abilityOf } from '@warbler/api/access';
import { type Actor, forbidden, type TenantRole } from '@warbler/api/core';
import { asSubject, type Action } from '@warbler/shared/permissions';

/**
 * The record-level half of a member policy: the resolver's @Can checks the action in
 * general, this checks it on this member (an admin may not touch an owner).
 */
export function assertMayActOn(actor: Actor, action: Action, member: { role: TenantRole; userId: string }): void {
  if (!abilityOf(actor).can(action, asSubject('Member', { role: member.role, userId: member.userId }))) {
    throw forbidden(
      member.role === 'OWNER' ? 'Only an owner can do this to an owner' : 'Your role does not allow this',
    );
  }
}

/** Giving someone a role, by invitation or by a role change, is changing a member to it. */
export function assertMayGrant(actor: Actor, role: TenantRole): void {
  if (!abilityOf(actor).can('changeRole', asSubject('Member', { role }))) {
    throw forbidden(role === 'OWNER' ? 'Only an owner can make someone an owner' : 'Your role does not allow this');
  }
}
