import { Injectable } from '@nestjs/common';
import { Database, type MetricAggregation, Prisma, type QuotaEnforcement, type TenantActor } from '@warbler/api/core';
import { currentBillingPeriod } from '../shared/billing-period';
import { Decimal, decimalText } from '../shared/decimals';
import { type DayRollup, projectedAtPeriodEnd, quotaState, usageDays } from './usage-figures';
import type { MetricUsageModel, UsageOverviewModel } from './usage-overview.model';

interface MetricRow {
  id: string;
  code: string;
  name: string;
  unit: string;
  aggregation: MetricAggregation;
  period_limit: string | null;
  enforcement: QuotaEnforcement | null;
  used: string;
}

interface DayRow {
  metric_id: string;
  day: number;
  total: string;
  highest: string;
  newest: string;
}

/**
 * The console's view of the current period: what the plan meters, how much is used, and
 * the days so far. It reads rollups and period totals only, never raw events, so its cost
 * does not grow with traffic.
 */
@Injectable()
export class UsageOverviewService {
  constructor(private readonly db: Database) {}

  overview(actor: TenantActor): Promise<UsageOverviewModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const period = await currentBillingPeriod(tx);
      const metrics = await tx.$queryRaw<MetricRow[]>(Prisma.sql`
        SELECT m.id, m.code, m.name, m.unit, m.aggregation, q.period_limit::text AS period_limit, q.enforcement,
               COALESCE(t.value, 0)::text AS used
        FROM billable_metrics m
        LEFT JOIN plan_quotas q ON q.plan_version_id = ${period.planVersionId}::uuid AND q.metric_id = m.id
        LEFT JOIN usage_period_totals t ON t.metric_id = m.id AND t.period_start = ${period.start}
        WHERE m.archived_at IS NULL AND (
          q.id IS NOT NULL OR t.event_count > 0
          OR EXISTS (SELECT 1 FROM plan_charges c WHERE c.plan_version_id = ${period.planVersionId}::uuid AND c.metric_id = m.id))
        ORDER BY m.name, m.code`);
      const days = await tx.$queryRaw<DayRow[]>(Prisma.sql`
        SELECT metric_id,
               GREATEST(0, floor(extract(epoch FROM hour - ${period.start}::timestamptz) / 86400))::int AS day,
               sum(value)::text AS total, max(value)::text AS highest,
               (array_agg(value ORDER BY latest_at DESC))[1]::text AS newest
        FROM usage_hourly_rollups
        WHERE metric_id = ANY(${metrics.map((m) => m.id)}::uuid[])
          AND period_start = ${period.start}::timestamptz
        GROUP BY 1, 2`);
      const now = new Date();
      return {
        periodStart: period.start,
        periodEnd: period.end,
        metrics: metrics.map((metric): MetricUsageModel => {
          const used = new Decimal(metric.used);
          const rollups: DayRollup[] = days
            .filter((day) => day.metric_id === metric.id)
            .map((day) => ({
              day: day.day,
              total: new Decimal(day.total),
              highest: new Decimal(day.highest),
              newest: new Decimal(day.newest),
            }));
          return {
            metricCode: metric.code,
            metricName: metric.name,
            unit: metric.unit,
            aggregation: metric.aggregation,
            used: decimalText(used),
            quota:
              metric.period_limit !== null && metric.enforcement
                ? quotaState(new Decimal(metric.period_limit), metric.enforcement, used, period.end)
                : null,
            daily: usageDays(metric.aggregation, rollups, period.start, period.end, now),
            projectedAtPeriodEnd: projectedAtPeriodEnd(metric.aggregation, used, period.start, period.end, now),
          };
        }),
      };
    });
  }
}
