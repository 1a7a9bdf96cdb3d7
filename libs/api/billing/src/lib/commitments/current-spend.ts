import type { TenantTx } from '@warbler/api/core';
import { usageSpendMinor } from '@warbler/shared/pricing';
import { pricedVersions } from '../period-close/priced-versions';
import type { BilledTenant } from './terms-lock';

/**
 * The current period's spend: its usage priced on the subscription's plan version from the period
 * totals, before any commitment, discount or tax. Ingestion enforces the cap on the same figure.
 */
export async function currentSpendMinor(tx: TenantTx, tenant: BilledTenant): Promise<bigint> {
  const version = (await pricedVersions(tx, [tenant.planVersionId])).get(tenant.planVersionId);
  if (!version) throw new Error(`Plan version ${tenant.planVersionId} does not exist`);
  const codeOf = new Map([...version.metricIds].map(([code, id]) => [id, code]));
  const totals = await tx.usagePeriodTotal.findMany({
    where: { tenantId: tenant.tenantId, periodStart: tenant.period.start, metricId: { in: [...codeOf.keys()] } },
    select: { metricId: true, value: true },
  });
  return usageSpendMinor(
    version.usage,
    new Map(totals.map((total) => [codeOf.get(total.metricId) as string, total.value.toFixed()])),
  );
}
