import type { TenantTx } from '@warbler/api/core';

/**
 * Locks the tenant's row until the transaction ends and returns its seat limit: the seats its
 * subscription pays for (seat_quantity). Every change to memberships takes it
 * first, so counts that guard a rule (seats in use, owners left) cannot be outrun by a
 * concurrent change. The audit chain lock is taken after it, always in that order, so the
 * two never deadlock.
 */
export async function lockTenant(tx: TenantTx, tenantId: string): Promise<{ seatLimit: number }> {
  const [tenant] = await tx.$queryRaw<{ seat_limit: number }[]>`
    SELECT s.seat_quantity AS seat_limit
    FROM tenants t
    JOIN subscriptions s ON s.tenant_id = t.id
    WHERE t.id = ${tenantId}::uuid
    FOR UPDATE OF t`;
  if (!tenant) throw new Error(`Tenant ${tenantId} has no subscription visible to its own transaction`);
  return { seatLimit: tenant.seat_limit };
}
