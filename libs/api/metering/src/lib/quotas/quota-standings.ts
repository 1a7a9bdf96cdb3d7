import { Injectable } from '@nestjs/common';
import { type ApiKeyCaller, Database, notFound, Prisma, type QuotaEnforcement } from '@warbler/api/core';
import { Decimal, decimalText } from '../shared/decimals';

/**
 * A metric's standing in the current period, as a tenant's software sees it. Quantities
 * are decimal strings, never JSON numbers, so no client rounds them through a float.
 */
export interface QuotaStanding {
  metric: string;
  /** null: the plan sets no quota for a metric the tenant used. */
  limit: string | null;
  used: string;
  remaining: string | null;
  enforcement: QuotaEnforcement | null;
  resets_at: string;
  period_start: string;
}

interface StandingRow {
  code: string;
  period_limit: string | null;
  enforcement: QuotaEnforcement | null;
  used: string;
  period_start: Date;
  period_end: Date;
}

/** Every standing is one statement joining the subscription, its quotas, the metrics and their period totals. */
@Injectable()
export class QuotaStandings {
  constructor(private readonly db: Database) {}

  /** Metrics with a quota on the plan, and metrics used this period without one. */
  async all(caller: ApiKeyCaller): Promise<QuotaStanding[]> {
    const rows = await this.db.forTenant(caller).transaction((tx) =>
      tx.$queryRaw<StandingRow[]>(Prisma.sql`
        SELECT m.code, q.period_limit::text AS period_limit, q.enforcement, COALESCE(t.value, 0)::text AS used,
               s.current_period_start AS period_start, s.current_period_end AS period_end
        FROM subscriptions s
        JOIN billable_metrics m ON m.id IN (
          SELECT metric_id FROM plan_quotas WHERE plan_version_id = s.plan_version_id
          UNION
          SELECT metric_id FROM usage_period_totals WHERE period_start = s.current_period_start AND event_count > 0)
        LEFT JOIN plan_quotas q ON q.plan_version_id = s.plan_version_id AND q.metric_id = m.id
        LEFT JOIN usage_period_totals t
          ON t.tenant_id = s.tenant_id AND t.metric_id = m.id AND t.period_start = s.current_period_start
        ORDER BY m.code`),
    );
    return rows.map(toStanding);
  }

  /** One metric by code, with or without a quota; NOT_FOUND when the catalog has no such metric. */
  async one(caller: ApiKeyCaller, metricCode: string): Promise<QuotaStanding> {
    const [row] = await this.db.forTenant(caller).transaction((tx) =>
      tx.$queryRaw<StandingRow[]>(Prisma.sql`
        SELECT m.code, q.period_limit::text AS period_limit, q.enforcement, COALESCE(t.value, 0)::text AS used,
               s.current_period_start AS period_start, s.current_period_end AS period_end
        FROM subscriptions s
        JOIN billable_metrics m ON m.code = ${metricCode}
        LEFT JOIN plan_quotas q ON q.plan_version_id = s.plan_version_id AND q.metric_id = m.id
        LEFT JOIN usage_period_totals t
          ON t.tenant_id = s.tenant_id AND t.metric_id = m.id AND t.period_start = s.current_period_start`),
    );
    if (!row) throw notFound(`The metric "${metricCode}"`);
    return toStanding(row);
  }
}

function toStanding(row: StandingRow): QuotaStanding {
  const used = new Decimal(row.used);
  const limit = row.period_limit === null ? null : new Decimal(row.period_limit);
  return {
    metric: row.code,
    limit: limit && decimalText(limit),
    used: decimalText(used),
    remaining: limit && decimalText(Decimal.max(0, limit.minus(used))),
    enforcement: row.enforcement,
    resets_at: row.period_end.toISOString(),
    period_start: row.period_start.toISOString(),
  };
}
