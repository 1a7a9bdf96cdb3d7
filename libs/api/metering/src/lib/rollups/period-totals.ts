import type { TenantSql } from '@warbler/api/core';
import type { BillingPeriod } from '../shared/billing-period';
import { Decimal } from '../shared/decimals';

/** A metric's running aggregate over the current period, as stored. */
export interface PeriodTotal {
  value: Decimal;
  eventCount: bigint;
  latestAt: Date | null;
}

/**
 * Creates the batch's missing period totals, then locks them in metric order. Every batch
 * locks in the same order, so concurrent batches of a tenant queue per metric instead of
 * deadlocking, and what a quota compares against cannot change until this batch commits.
 * `alsoRead` are metrics the batch does not count into but prices (the spending cap): their
 * existing totals are read and locked with the rest, in the same order; missing ones are 0.
 */
export async function lockPeriodTotals(
  sql: TenantSql,
  period: BillingPeriod,
  metricIds: string[],
  alsoRead: Iterable<string> = [],
): Promise<Map<string, PeriodTotal>> {
  const sorted = [...metricIds].sort();
  const read = [...new Set([...sorted, ...alsoRead])].sort();
  await sql.query(
    `INSERT INTO usage_period_totals (tenant_id, metric_id, period_start, period_end, value, event_count)
     SELECT $1::uuid, metric_id, $2::timestamptz, $3::timestamptz, 0, 0
     FROM unnest($4::uuid[]) AS metric_id ORDER BY metric_id
     ON CONFLICT DO NOTHING`,
    [sql.tenantId, period.start, period.end, sorted],
  );
  const rows = await sql.query<{ metric_id: string; value: string; event_count: string; latest_at: Date | null }>(
    `SELECT metric_id, value::text AS value, event_count, latest_at FROM usage_period_totals
     WHERE tenant_id = $1::uuid AND period_start = $2::timestamptz AND metric_id = ANY($3::uuid[])
     ORDER BY metric_id
     FOR UPDATE`,
    [sql.tenantId, period.start, read],
  );
  return new Map(
    rows.map((row) => [
      row.metric_id,
      { value: new Decimal(row.value), eventCount: BigInt(row.event_count), latestAt: row.latest_at },
    ]),
  );
}

export interface PeriodTotalUpdate extends PeriodTotal {
  metricId: string;
  overage: Decimal | null;
}

/** Writes the totals computed for the batch; the rows are locked by `lockPeriodTotals`. */
export async function writePeriodTotals(
  sql: TenantSql,
  period: BillingPeriod,
  updates: PeriodTotalUpdate[],
): Promise<void> {
  if (updates.length === 0) return;
  await sql.query(
    `UPDATE usage_period_totals t
     SET value = u.value, event_count = u.event_count, latest_at = u.latest_at,
         overage_quantity = COALESCE(u.overage, t.overage_quantity)
     FROM unnest($3::uuid[], $4::numeric[], $5::bigint[], $6::timestamptz[], $7::numeric[])
       AS u(metric_id, value, event_count, latest_at, overage)
     WHERE t.tenant_id = $1::uuid AND t.period_start = $2::timestamptz AND t.metric_id = u.metric_id`,
    [
      sql.tenantId,
      period.start,
      updates.map((u) => u.metricId),
      updates.map((u) => u.value.toFixed()),
      updates.map((u) => u.eventCount.toString()),
      updates.map((u) => u.latestAt?.toISOString() ?? null),
      updates.map((u) => u.overage?.toFixed() ?? null),
    ],
  );
}
