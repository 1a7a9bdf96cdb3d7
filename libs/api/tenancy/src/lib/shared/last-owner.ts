import type { TenantTx } from '@warbler/api/core';
import { lastOwner } from './tenancy-errors';

/** Refuses to take the owner role away from the tenant's only active owner. Call under lockTenant. */
export async function assertNotLastOwner(tx: TenantTx, member: { role: string }): Promise<void> {
  if (member.role !== 'OWNER') return;
  const owners = await tx.membership.count({ where: { role: 'OWNER', status: 'ACTIVE' } });
  if (owners <= 1) throw lastOwner();
}
