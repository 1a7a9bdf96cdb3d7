import type { MetricAggregation, QuotaEnforcement, TenantSql } from '@warbler/api/core';
import { Decimal } from '../shared/decimals';
import { type BillingPeriod, noSubscription } from '../shared/billing-period';

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
}

/**
 * The subscription, the batch's metrics and their quotas on the tenant's plan version, in one statement.
 * The subscription row is share-locked: closing its period (an update of that row) waits for the
 * batches counting into it, so no usage lands in a period after its invoice was drafted.
 */
export async function loadBatchCatalog(sql: TenantSql, metricCodes: string[]): Promise<BatchCatalog> {
  const rows = await sql.query<CatalogRow>(
    `
    SELECT s.plan_version_id, s.current_period_start AS period_start, s.current_period_end AS period_end,
           m.id, m.code, m.name, m.unit, m.aggregation, m.property, q.period_limit::text AS period_limit, q.enforcement
    FROM subscriptions s
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
  return {
    period: { planVersionId: first.plan_version_id, start: first.period_start, end: first.period_end },
    metrics,
  };
}
