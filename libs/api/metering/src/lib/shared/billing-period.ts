import { DomainError, type TenantTx } from '@warbler/api/core';

/** The tenant's subscription as metering sees it: which plan version, which current period. */
export interface BillingPeriod {
  planVersionId: string;
  start: Date;
  end: Date;
}

export const noSubscription = () =>
  new DomainError('CONFLICT', 'This tenant has no subscription to meter usage against', 'NO_SUBSCRIPTION');

/** Row-level security narrows subscriptions to the transaction's tenant, which has one at most. */
export async function currentBillingPeriod(tx: TenantTx): Promise<BillingPeriod> {
  const [row] = await tx.$queryRaw<{ plan_version_id: string; start: Date; end: Date }[]>`
    SELECT plan_version_id, current_period_start AS start, current_period_end AS "end" FROM subscriptions`;
  if (!row) throw noSubscription();
  return { planVersionId: row.plan_version_id, start: row.start, end: row.end };
}
