import { Prisma, type TenantTx } from '@warbler/api/core';
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
 */
export async function lockPeriodTotals(
  tx: TenantTx,
  tenantId: string,
  period: BillingPeriod,
  metricIds: string[],
): Promise<Map<string, PeriodTotal>> {
  const sorted = [...metricIds].sort();
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO usage_period_totals (tenant_id, metric_id, period_start, period_end, value, event_count)
    SELECT ${tenantId}::uuid, metric_id, ${period.start}, ${period.end}, 0, 0
    FROM unnest(${sorted}::uuid[]) AS metric_id ORDER BY metric_id
    ON CONFLICT DO NOTHING`);
  const rows = await tx.$queryRaw<{ metric_id: string; value: string; event_count: bigint; latest_at: Date | null }[]>(
    Prisma.sql`
      SELECT metric_id, value::text AS value, event_count, latest_at FROM usage_period_totals
      WHERE tenant_id = ${tenantId}::uuid AND period_start = ${period.start} AND metric_id = ANY(${sorted}::uuid[])
      ORDER BY metric_id
      FOR UPDATE`,
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
  tx: TenantTx,
  tenantId: string,
  period: BillingPeriod,
  updates: PeriodTotalUpdate[],
): Promise<void> {
  if (updates.length === 0) return;
  await tx.$executeRaw(Prisma.sql`
    UPDATE usage_period_totals t
    SET value = u.value, event_count = u.event_count, latest_at = u.latest_at,
        overage_quantity = COALESCE(u.overage, t.overage_quantity)
    FROM unnest(
      ${updates.map((u) => u.metricId)}::uuid[],
      ${updates.map((u) => u.value.toFixed())}::numeric[],
      ${updates.map((u) => u.eventCount.toString())}::bigint[],
      ${updates.map((u) => u.latestAt?.toISOString() ?? null)}::timestamptz[],
      ${updates.map((u) => u.overage?.toFixed() ?? null)}::numeric[]
    ) AS u(metric_id, value, event_count, latest_at, overage)
    WHERE t.tenant_id = ${tenantId}::uuid AND t.period_start = ${period.start} AND t.metric_id = u.metric_id`);
}
