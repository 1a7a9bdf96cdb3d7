import { Injectable } from '@nestjs/common';
import { abilityOf } from '@warbler/api/access';
import { type Actor, Database, notFound } from '@warbler/api/core';
import { packAbility } from '@warbler/shared/permissions';
import type { MeModel } from './me.model';

/** Who the caller is and what they may do: what the console needs to draw itself. */
@Injectable()
export class MeService {
  constructor(private readonly db: Database) {}

  async me(actor: Actor): Promise<MeModel> {
    const user = await this.db.identity.user.findUnique({
      where: { id: actor.userId },
      select: { id: true, email: true, displayName: true, staffRole: true, mfaEnabledAt: true },
    });
    if (!user) throw notFound('Your account');
    // Support viewing as this member sees the tenant it was let into, not the member's other tenants.
    const inView =
      actor.impersonatorUserId === null ? {} : { tenantId: { in: actor.tenantId ? [actor.tenantId] : [] } };
    const memberships = await this.db.forUser(actor.userId).transaction((tx) =>
      tx.membership.findMany({
        where: { userId: actor.userId, status: 'ACTIVE', ...inView },
        select: { role: true, tenant: { select: { id: true, name: true, slug: true } } },
        orderBy: { tenant: { name: 'asc' } },
      }),
    );
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName },
      staffRole: user.staffRole,
      mfaEnabled: user.mfaEnabledAt !== null,
      mfaRequired: user.staffRole !== null,
      mfaSatisfied: actor.mfaSatisfied,
      memberships,
      currentTenantId: actor.tenantId,
      currentRole: actor.tenantRole,
      permissions: packAbility(abilityOf(actor)),
    };
  }
}
