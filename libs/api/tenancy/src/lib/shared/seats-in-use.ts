import type { TenantTx } from '@warbler/api/core';

/** Seats held by active members. Call under lockTenant for a count that stays true. */
export function seatsInUse(tx: TenantTx): Promise<number> {
  return tx.membership.count({ where: { status: 'ACTIVE', seatAssigned: true } });
}
