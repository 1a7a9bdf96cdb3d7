import type { MetricAggregation, QuotaEnforcement, TenantSql } from '@warbler/api/core';
import { Decimal } from '../shared/decimals';
import { type BillingPeriod, noSubscription } from '../shared/billing-period';
import type { SpendingTermsSeen } from '../spending/spending-watch';

export interface MeteredMetric {
  id: string;
  code: string;
  name: string;
  unit: string;
  aggregation: MetricAggregation;
  /** The event property UNIQUE_COUNT counts the distinct values of. */
  property: string | null;
  quota: { limit: Decimal; enforcement: QuotaEnforcement } | null;
}

export interface BatchCatalog {
  period: BillingPeriod;
  /** The batch's metrics by code; archived and unknown codes are absent. */
  metrics: Map<string, MeteredMetric>;
  /** The tenant's spending cap and alert, when it has set either; null for most tenants. */
  spending: SpendingTermsSeen | null;
  /** Whether an enabled webhook endpoint of the tenant wants quota events: most have none, and skip publishing. */
  quotaWebhooks: boolean;
}

interface CatalogRow {
  plan_version_id: string;
  period_start: Date;
  period_end: Date;
  id: string | null;
  code: string | null;
  name: string | null;
  unit: string | null;
  aggregation: MetricAggregation | null;
  property: string | null;
  period_limit: string | null;
  enforcement: QuotaEnforcement | null;
  spending_cap_minor: string | null;
  spending_alert_minor: string | null;
  spending_alert_notified_for: Date | null;
  quota_webhooks: boolean;
}

/**
 * The subscription, the batch's metrics and their quotas on the tenant's plan version, and the
 * tenant's spending cap and alert, in one statement: a tenant without them pays no extra round trip.
 * The subscription row is share-locked: closing its period (an update of that row) waits for the
 * batches counting into it, so no usage lands in a period after its invoice was drafted.
 */
export async function loadBatchCatalog(sql: TenantSql, metricCodes: string[]): Promise<BatchCatalog> {
  const rows = await sql.query<CatalogRow>(
    `
    SELECT s.plan_version_id, s.current_period_start AS period_start, s.current_period_end AS period_end,
           m.id, m.code, m.name, m.unit, m.aggregation, m.property, q.period_limit::text AS period_limit, q.enforcement,
           bt.spending_cap_minor::text AS spending_cap_minor, bt.spending_alert_minor::text AS spending_alert_minor,
           bt.spending_alert_notified_for,
           EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.tenant_id = s.tenant_id AND w.enabled
                   AND w.event_types && ARRAY['quota.threshold_reached', 'quota.exceeded']) AS quota_webhooks
    FROM subscriptions s
    LEFT JOIN tenant_billing_terms bt ON bt.tenant_id = s.tenant_id
    LEFT JOIN billable_metrics m ON m.code = ANY($1::text[]) AND m.archived_at IS NULL
    LEFT JOIN plan_quotas q ON q.plan_version_id = s.plan_version_id AND q.metric_id = m.id
    FOR SHARE OF s`,
    [metricCodes],
  );
  if (rows.length === 0) throw noSubscription();
  const [first] = rows;
  const metrics = new Map<string, MeteredMetric>();
  for (const row of rows) {
    if (!row.id || !row.code || !row.name || row.unit === null || !row.aggregation) continue;
    metrics.set(row.code, {
      id: row.id,
      code: row.code,
      name: row.name,
      unit: row.unit,
      aggregation: row.aggregation,
      property: row.property,
      quota:
        row.period_limit !== null && row.enforcement
          ? { limit: new Decimal(row.period_limit), enforcement: row.enforcement }
          : null,
    });
  }
  const hasSpendingTerms = first.spending_cap_minor !== null || first.spending_alert_minor !== null;
  return {
    period: { planVersionId: first.plan_version_id, start: first.period_start, end: first.period_end },
    metrics,
    spending: hasSpendingTerms
      ? {
          capMinor: first.spending_cap_minor === null ? null : BigInt(first.spending_cap_minor),
          alertMinor: first.spending_alert_minor === null ? null : BigInt(first.spending_alert_minor),
          alertNotifiedFor: first.spending_alert_notified_for,
        }
      : null,
    quotaWebhooks: first.quota_webhooks,
  };
}
