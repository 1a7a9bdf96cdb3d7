import { notFound, type TenantTx } from '@warbler/api/core';
import type { StoredBillingTerms } from './billing-terms';

/** The tenant and the currency its subscription bills in now. */
export interface BilledTenant {
  tenantId: string;
  tenantName: string;
  currency: string;
  period: { start: Date; end: Date };
  planVersionId: string;
}

/** The tenant with its subscription's currency and period; NOT_FOUND for an unknown tenant or one without a plan. */
export async function billedTenant(tx: TenantTx, tenantId: string): Promise<BilledTenant> {
  const [row] = await tx.$queryRaw<
    { name: string; currency: string; period_start: Date; period_end: Date; plan_version_id: string }[]
  >`
    SELECT t.name, v.currency, s.current_period_start AS period_start, s.current_period_end AS period_end,
           s.plan_version_id::text AS plan_version_id
    FROM tenants t
    JOIN subscriptions s ON s.tenant_id = t.id
    JOIN plan_versions v ON v.id = s.plan_version_id
    WHERE t.id = ${tenantId}::uuid`;
  if (!row) throw notFound('Tenant');
  return {
    tenantId,
    tenantName: row.name,
    currency: row.currency,
    period: { start: row.period_start, end: row.period_end },
    planVersionId: row.plan_version_id,
  };
}

const SELECTED = {
  currency: true,
  minimumCommitmentMinor: true,
  maxSpendingCapMinor: true,
  spendingCapRequired: true,
  spendingAlertMinor: true,
  spendingCapMinor: true,
  spendingAlertNotifiedFor: true,
} as const;

export function readBillingTerms(tx: TenantTx, tenantId: string): Promise<StoredBillingTerms | null> {
  return tx.tenantBillingTerms.findUnique({ where: { tenantId }, select: SELECTED });
}

/**
 * The tenant's terms row, created (empty, in `currency`) if it has none, and locked until the
 * transaction ends: finance's writes, the tenant's own and ingestion's alert bookkeeping take turns.
 */
export async function lockBillingTerms(tx: TenantTx, tenantId: string, currency: string): Promise<StoredBillingTerms> {
  await tx.$executeRaw`
    INSERT INTO tenant_billing_terms (tenant_id, currency) VALUES (${tenantId}::uuid, ${currency})
    ON CONFLICT (tenant_id) DO NOTHING`;
  await tx.$executeRaw`SELECT 1 FROM tenant_billing_terms WHERE tenant_id = ${tenantId}::uuid FOR UPDATE`;
  return (await readBillingTerms(tx, tenantId)) as StoredBillingTerms;
}
