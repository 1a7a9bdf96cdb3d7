import type { TenantSql } from '@warbler/api/core';
import type { MeteredMetric } from '../ingestion/batch-catalog';
import type { AdmittedEvent } from '../ingestion/event-recording';
import type { BillingPeriod } from '../shared/billing-period';
import { Decimal } from '../shared/decimals';
import { type PeriodTotal, type PeriodTotalUpdate, writePeriodTotals } from './period-totals';
import { recordUniqueValues } from './unique-values';

/** A metric's period total before and after the batch: what quota alerts look at. */
export interface MetricMovement {
  metric: MeteredMetric;
  before: PeriodTotal;
  after: PeriodTotal;
}

interface Bucket {
  metric: MeteredMetric;
  hour: Date;
  value: Decimal;
  eventCount: number;
  latestAt: Date;
}

const HOUR_MS = 3_600_000;
const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/**
 * Folds a batch's stored events into the hourly rollups and period totals, in the same
 * transaction that stored them. Hours are computed here and merged into existing rows by
 * aggregation (add, keep the greatest, keep the newest); UNIQUE_COUNT adds, to the hour of
 * the batch's earliest event carrying it, each value the period had not seen before.
 */
export async function rollUpBatch(
  sql: TenantSql,
  period: BillingPeriod,
  stored: AdmittedEvent[],
  totals: Map<string, PeriodTotal>,
): Promise<MetricMovement[]> {
  const buckets = new Map<string, Bucket>();
  const firstSeen = new Map<string, Map<string, Date>>();
  for (const { event } of stored) {
    const { metric, quantity } = event;
    const at = event.submitted.occurredAt;
    const hour = hourOf(at);
    const id = `${metric.id}|${hour.getTime()}`;
    const bucket = buckets.get(id);
    if (!bucket) {
      const initial = metric.aggregation === 'UNIQUE_COUNT' ? new Decimal(0) : quantity;
      buckets.set(id, { metric, hour, value: initial, eventCount: 1, latestAt: at });
    } else {
      bucket.eventCount += 1;
      if (metric.aggregation === 'COUNT' || metric.aggregation === 'SUM') bucket.value = bucket.value.plus(quantity);
      if (metric.aggregation === 'MAX') bucket.value = Decimal.max(bucket.value, quantity);
      // Ties go to the event received later, i.e. later in the batch.
      if (metric.aggregation === 'LATEST' && at >= bucket.latestAt) bucket.value = quantity;
      if (at > bucket.latestAt) bucket.latestAt = at;
    }
    if (event.uniqueValue !== null) {
      const values = firstSeen.get(metric.id) ?? new Map<string, Date>();
      const earliest = values.get(event.uniqueValue);
      if (!earliest || at < earliest) values.set(event.uniqueValue, at);
      firstSeen.set(metric.id, values);
    }
  }

  const pairs = [...firstSeen].flatMap(([metricId, values]) =>
    [...values.keys()].map((value) => ({ metricId, value })),
  );
  const newValues = await recordUniqueValues(sql, period.start, pairs);
  for (const [metricId, values] of newValues) {
    for (const value of values) {
      const at = firstSeen.get(metricId)?.get(value);
      const bucket = at && buckets.get(`${metricId}|${hourOf(at).getTime()}`);
      if (bucket) bucket.value = bucket.value.plus(1);
    }
  }

  const rows = [...buckets.values()];
  await upsertHourlyRollups(sql, period, rows);
  const movements = periodMovements(rows, totals);
  await writePeriodTotals(sql, period, movements.map(toUpdate));
  return movements;
}

async function upsertHourlyRollups(sql: TenantSql, period: BillingPeriod, rows: Bucket[]): Promise<void> {
  if (rows.length === 0) return;
  rows.sort((a, b) => a.metric.id.localeCompare(b.metric.id) || a.hour.getTime() - b.hour.getTime());
  const idsOf = (aggregation: string) => [
    ...new Set(rows.filter((r) => r.metric.aggregation === aggregation).map((r) => r.metric.id)),
  ];
  await sql.query(
    `INSERT INTO usage_hourly_rollups AS r (tenant_id, metric_id, period_start, hour, value, event_count, latest_at)
     SELECT $1::uuid, u.metric_id, $2::timestamptz, u.hour, u.value, u.event_count, u.latest_at
     FROM unnest($3::uuid[], $4::timestamptz[], $5::numeric[], $6::bigint[], $7::timestamptz[])
       AS u(metric_id, hour, value, event_count, latest_at)
     ON CONFLICT (tenant_id, metric_id, period_start, hour) DO UPDATE SET
       value = CASE
         WHEN r.metric_id = ANY($8::uuid[]) THEN GREATEST(r.value, excluded.value)
         WHEN r.metric_id = ANY($9::uuid[]) THEN
           CASE WHEN excluded.latest_at >= r.latest_at THEN excluded.value ELSE r.value END
         ELSE r.value + excluded.value
       END,
       event_count = r.event_count + excluded.event_count,
       latest_at = GREATEST(r.latest_at, excluded.latest_at)`,
    [
      sql.tenantId,
      period.start,
      rows.map((r) => r.metric.id),
      rows.map((r) => r.hour.toISOString()),
      rows.map((r) => r.value.toFixed()),
      rows.map((r) => String(r.eventCount)),
      rows.map((r) => r.latestAt.toISOString()),
      idsOf('MAX'),
      idsOf('LATEST'),
    ],
  );
}

function periodMovements(rows: Bucket[], totals: Map<string, PeriodTotal>): MetricMovement[] {
  const movements = new Map<string, MetricMovement>();
  for (const bucket of rows) {
    const { metric } = bucket;
    const before = totals.get(metric.id);
    if (!before) throw new Error(`The period total of metric ${metric.id} was not locked`);
    const movement = movements.get(metric.id) ?? { metric, before, after: { ...before } };
    const after = movement.after;
    if (metric.aggregation === 'MAX') {
      after.value = after.eventCount === 0n ? bucket.value : Decimal.max(after.value, bucket.value);
    } else if (metric.aggregation === 'LATEST') {
      if (!after.latestAt || bucket.latestAt >= after.latestAt) after.value = bucket.value;
    } else {
      after.value = after.value.plus(bucket.value);
    }
    after.eventCount += BigInt(bucket.eventCount);
    if (!after.latestAt || bucket.latestAt > after.latestAt) after.latestAt = bucket.latestAt;
    movements.set(metric.id, movement);
  }
  return [...movements.values()];
}

function toUpdate({ metric, after }: MetricMovement): PeriodTotalUpdate {
  const quota = metric.quota;
  const overage = quota?.enforcement === 'SOFT' ? Decimal.max(0, after.value.minus(quota.limit)) : null;
  return { metricId: metric.id, ...after, overage };
}
