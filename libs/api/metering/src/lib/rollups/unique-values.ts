import type { TenantSql } from '@warbler/api/core';

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

/** The pairs as one JSON document: cheaper to send than two large arrays. */
const pairsJson = (pairs: ValuePair[]) => JSON.stringify(pairs.map((p) => ({ m: p.metricId, v: p.value })));

/** Which of these values the period has counted already (the metric's total is locked, so this holds). */
export async function countedUniqueValues(
  sql: TenantSql,
  periodStart: Date,
  pairs: ValuePair[],
): Promise<ValuesByMetric> {
  if (pairs.length === 0) return new Map();
  const rows = await sql.query<{ metric_id: string; value: string }>(
    `SELECT v.metric_id, v.value FROM usage_unique_values v
     JOIN json_to_recordset($3::json) AS u(m uuid, v text) ON v.metric_id = u.m AND v.value = u.v
     WHERE v.tenant_id = $1::uuid AND v.period_start = $2::timestamptz`,
    [sql.tenantId, periodStart, pairsJson(pairs)],
  );
  return byMetric(rows);
}

/** Records the values; answers those the period had not seen before. */
export async function recordUniqueValues(
  sql: TenantSql,
  periodStart: Date,
  pairs: ValuePair[],
): Promise<ValuesByMetric> {
  if (pairs.length === 0) return new Map();
  const rows = await sql.query<{ metric_id: string; value: string }>(
    `INSERT INTO usage_unique_values (tenant_id, metric_id, period_start, value)
     SELECT $1::uuid, u.m, $2::timestamptz, u.v
     FROM json_to_recordset($3::json) AS u(m uuid, v text)
     ORDER BY u.m, u.v COLLATE "C"
     ON CONFLICT DO NOTHING
     RETURNING metric_id, value`,
    [sql.tenantId, periodStart, pairsJson(pairs)],
  );
  return byMetric(rows);
}
