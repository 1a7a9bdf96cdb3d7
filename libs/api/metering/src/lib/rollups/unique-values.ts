import { Prisma, type TenantTx } from '@warbler/api/core';

/** Distinct values per metric id. */
export type ValuesByMetric = Map<string, Set<string>>;

interface ValuePair {
  metricId: string;
  value: string;
}

const byMetric = (rows: { metric_id: string; value: string }[]): ValuesByMetric => {
  const values: ValuesByMetric = new Map();
  for (const row of rows) {
    const set = values.get(row.metric_id) ?? new Set<string>();
    set.add(row.value);
    values.set(row.metric_id, set);
  }
  return values;
};

/** Which of these values the period has counted already (the metric's total is locked, so this holds). */
export async function countedUniqueValues(
  tx: TenantTx,
  tenantId: string,
  periodStart: Date,
  pairs: ValuePair[],
): Promise<ValuesByMetric> {
  if (pairs.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ metric_id: string; value: string }[]>(Prisma.sql`
    SELECT v.metric_id, v.value FROM usage_unique_values v
    JOIN unnest(${pairs.map((p) => p.metricId)}::uuid[], ${pairs.map((p) => p.value)}::text[]) AS u(metric_id, value)
      ON v.metric_id = u.metric_id AND v.value = u.value
    WHERE v.tenant_id = ${tenantId}::uuid AND v.period_start = ${periodStart}`);
  return byMetric(rows);
}

/** Records the values; answers those the period had not seen before. */
export async function recordUniqueValues(
  tx: TenantTx,
  tenantId: string,
  periodStart: Date,
  pairs: ValuePair[],
): Promise<ValuesByMetric> {
  if (pairs.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ metric_id: string; value: string }[]>(Prisma.sql`
    INSERT INTO usage_unique_values (tenant_id, metric_id, period_start, value)
    SELECT ${tenantId}::uuid, metric_id, ${periodStart}, value
    FROM unnest(${pairs.map((p) => p.metricId)}::uuid[], ${pairs.map((p) => p.value)}::text[]) AS u(metric_id, value)
    ORDER BY metric_id, value
    ON CONFLICT DO NOTHING
    RETURNING metric_id, value`);
  return byMetric(rows);
}
