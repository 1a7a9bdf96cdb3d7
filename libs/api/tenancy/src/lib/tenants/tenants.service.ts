import { Injectable } from '@nestjs/common';
import { Database, type TenantActor } from '@warbler/api/core';
import type { TenantModel } from '../graphql/tenant.model';

@Injectable()
export class TenantsService {
  constructor(private readonly db: Database) {}

  /** The actor's tenant with its head counts, read in one snapshot so they agree. */
  current(actor: TenantActor): Promise<TenantModel> {
    return this.db.forTenant(actor).transaction(
      async (tx) => {
        const tenant = await tx.tenant.findUniqueOrThrow({
          where: { id: actor.tenantId },
          include: { subscription: { select: { seatQuantity: true } } },
        });
        const memberCount = await tx.membership.count({ where: { status: 'ACTIVE' } });
        const seatsAssigned = await tx.membership.count({ where: { status: 'ACTIVE', seatAssigned: true } });
        return {
          id: tenant.id,
          name: tenant.name,
          slug: tenant.slug,
          status: tenant.status,
          // The seats the subscription pays for; every tenant has a subscription from its creation on.
          seatLimit: tenant.subscription?.seatQuantity ?? 0,
          seatsAssigned,
          memberCount,
        };
      },
      { isolationLevel: 'RepeatableRead' },
    );
  }
}
