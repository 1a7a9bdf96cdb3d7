import type { ExportQuery } from '../shared/export-query';
import { instantLiteral, utcText, uuidArrayLiteral } from '../shared/sql-literals';
import type { UsageExportFilter } from './usage-export-filter';

/**
 * Usage rows come from usage_hourly_rollups, never from raw events, and each row stays inside
 * one billing period (the rollups' key), because that is where the aggregations are exact:
 *
 * - HOUR: the rollup row itself.
 * - DAY and PERIOD: the period's hours in the bucket (UTC day, or the whole filter range)
 *   folded by the metric's aggregation. COUNT and SUM add. MAX keeps the greatest hour. LATEST
 *   keeps the value of the hour with the newest event (latest_at). UNIQUE_COUNT adds too: an hour
 *   holds the values first seen in its billing period during that hour, so within one period
 *   the hours add up to the distinct count without counting a value twice (docs/exports.md).
 *
 * Rows are ordered by the rollups' primary key (tenant, metric, period, hour), which an index
 * scan yields without sorting.
 */
export function usageExportQuery(filter: UsageExportFilter): ExportQuery {
  const where: string[] = [];
  if (filter.billingPeriodStart) {
    where.push(`r.period_start = ${instantLiteral(new Date(filter.billingPeriodStart))}`);
  } else {
    where.push(`r.hour >= ${instantLiteral(new Date(filter.from as string))}`);
    where.push(`r.hour < ${instantLiteral(new Date(filter.to as string))}`);
  }
  if (filter.tenantIds) where.push(`r.tenant_id = ANY (${uuidArrayLiteral(filter.tenantIds)})`);
  if (filter.metricIds) where.push(`r.metric_id = ANY (${uuidArrayLiteral(filter.metricIds)})`);
  const conditions = where.join(' AND ');

  const common = (rows: string) => [
    { name: 'tenant_id', sql: `${rows}.tenant_id`, json: 'text' as const },
    { name: 'tenant_slug', sql: 't.slug', json: 'text' as const },
    { name: 'metric', sql: 'm.code', json: 'text' as const },
    { name: 'aggregation', sql: 'm.aggregation', json: 'text' as const },
    { name: 'billing_period_start', sql: utcText(`${rows}.period_start`), json: 'text' as const },
  ];
  const joins = (rows: string) =>
    `JOIN tenants t ON t.id = ${rows}.tenant_id JOIN billable_metrics m ON m.id = ${rows}.metric_id`;

  if (filter.granularity === 'HOUR') {
    const from = `FROM usage_hourly_rollups r ${joins('r')} WHERE ${conditions}`;
    return {
      columns: [
        ...common('r'),
        { name: 'bucket_start', sql: utcText('r.hour'), json: 'text' },
        { name: 'bucket_end', sql: utcText(`r.hour + interval '1 hour'`), json: 'text' },
        { name: 'value', sql: 'trim_scale(r.value)', json: 'text' },
        { name: 'event_count', sql: 'r.event_count', json: 'number' },
      ],
      body: `${from} ORDER BY r.tenant_id, r.metric_id, r.period_start, r.hour`,
      unorderedBody: from,
    };
  }

  const bucket = filter.granularity === 'DAY' ? `date_trunc('day', r.hour, 'UTC')` : 'r.period_start';
  const grouped = `(SELECT r.tenant_id, r.metric_id, r.period_start, ${bucket} AS bucket,
      sum(r.value) AS total, max(r.value) AS greatest,
      (array_agg(r.value ORDER BY r.latest_at DESC NULLS LAST, r.hour DESC))[1] AS latest,
      sum(r.event_count) AS event_count
    FROM usage_hourly_rollups r WHERE ${conditions}
    GROUP BY r.tenant_id, r.metric_id, r.period_start, ${bucket}) g`;
  const value = `trim_scale(CASE m.aggregation WHEN 'MAX' THEN g.greatest WHEN 'LATEST' THEN g.latest ELSE g.total END)`;

  let bucketStart: string;
  let bucketEnd: string;
  let extraJoin = '';
  if (filter.granularity === 'DAY') {
    bucketStart = 'g.bucket';
    bucketEnd = `g.bucket + interval '1 day'`;
  } else {
    // The billing period, cut to the filter's range when the range covers only part of it.
    extraJoin = `LEFT JOIN usage_period_totals pt
      ON pt.tenant_id = g.tenant_id AND pt.metric_id = g.metric_id AND pt.period_start = g.period_start`;
    const periodEnd = filter.to
      ? `LEAST(COALESCE(pt.period_end, ${instantLiteral(new Date(filter.to))}), ${instantLiteral(new Date(filter.to))})`
      : 'pt.period_end';
    bucketStart = filter.from ? `GREATEST(g.period_start, ${instantLiteral(new Date(filter.from))})` : 'g.period_start';
    bucketEnd = periodEnd;
  }
  const from = `FROM ${grouped} ${joins('g')} ${extraJoin}`;
  return {
    columns: [
      ...common('g'),
      { name: 'bucket_start', sql: utcText(bucketStart), json: 'text' },
      { name: 'bucket_end', sql: utcText(bucketEnd), json: 'text' },
      { name: 'value', sql: value, json: 'text' },
      { name: 'event_count', sql: 'g.event_count', json: 'number' },
    ],
    body: `${from} ORDER BY g.tenant_id, g.metric_id, g.period_start, g.bucket`,
    unorderedBody: from,
  };
}
