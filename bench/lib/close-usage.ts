import type { ClientBase } from 'pg';
import type { CloseMetricCode, ClosePriceList } from './close-catalog';
import type { ClosePeriod } from './close-tenants';

/**
 * Event j of a tenant reports the metric of slot j % 20: 60 % messages, 15 % API calls, 10 % AI
 * tokens, 5 % each active users, storage and connection peaks. Messages take the first 12 slots,
 * so event j is the (12·⌊j/20⌋ + j % 20 + 1)-th message of its tenant: that is how the events
 * past a SOFT message quota are flagged without counting.
 */
const SLOTS: CloseMetricCode[] = [
  ...Array<CloseMetricCode>(12).fill('messages_sent'),
  ...Array<CloseMetricCode>(3).fill('api_calls'),
  'ai_tokens',
  'ai_tokens',
  'monthly_active_users',
  'storage_gb_hours',
  'peak_connections',
];

/**
 * The raw events as ingestion stores them, spread evenly over the period, each tenant's in key
 * order (which is also the primary key's order, so the index only ever grows at its right edge).
 * Every event carries a user and a channel: each block of 20 events comes from the next of the
 * tenant's 10·seats + 40 users, so the active-user metric counts up to that many distinct users.
 */
const EVENTS = `
INSERT INTO usage_events
  (tenant_id, occurred_at, idempotency_key, metric_id, quantity, received_at, properties, api_key_id, over_quota)
SELECT t.id, e.occurred_at, 'ev-' || lpad(e.j::text, 9, '0'), ($3::uuid[])[e.slot + 1], e.quantity,
       e.occurred_at + interval '2 seconds',
       jsonb_build_object('user_id', 'u-' || (e.j / 20) % (t.seats * 10 + 40), 'channel', 'c-' || (e.j % 40)),
       t.api_key_id,
       e.code = 'messages_sent' AND 12 * (e.j / 20) + e.slot + 1 > coalesce(soft.period_limit, 'Infinity')
FROM (SELECT * FROM bench_tenants ORDER BY id) AS t
LEFT JOIN LATERAL (
  SELECT q.period_limit FROM plan_quotas q
  WHERE q.plan_version_id = t.plan_version_id AND q.metric_id = $5::uuid AND q.enforcement = 'SOFT'
) AS soft ON true
CROSS JOIN LATERAL (
  SELECT j, j % 20 AS slot, ($4::text[])[j % 20 + 1] AS code,
         $1::timestamptz + ($2::timestamptz - $1::timestamptz) * ((j + 0.5) / t.events)::float8 AS occurred_at,
         CASE ($4::text[])[j % 20 + 1]
           WHEN 'ai_tokens' THEN 200 + (j * 7919 + t.i) % 1800
           WHEN 'storage_gb_hours' THEN (j * 31 + t.i) % 50 + 0.5
           WHEN 'peak_connections' THEN 1 + (j * 37 + t.i) % 250
           ELSE 1 END AS quantity
  FROM generate_series(0, t.events - 1) AS j
) AS e`;

/** Each stored event's key, as ingestion claims it. */
const IDEMPOTENCY_KEYS = `
INSERT INTO usage_idempotency_keys (tenant_id, idempotency_key, occurred_at, received_at)
SELECT tenant_id, idempotency_key, occurred_at, received_at FROM usage_events
WHERE occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz`;

const UNIQUE_VALUES = `
INSERT INTO usage_unique_values (tenant_id, metric_id, period_start, value)
SELECT DISTINCT e.tenant_id, e.metric_id, $1::timestamptz, e.properties ->> m.property
FROM usage_events e JOIN billable_metrics m ON m.id = e.metric_id AND m.aggregation = 'UNIQUE_COUNT'
WHERE e.occurred_at >= $1::timestamptz AND e.occurred_at < $2::timestamptz`;

/**
 * Hourly rollups as ingestion keeps them: COUNT and SUM add, MAX keeps the largest, UNIQUE_COUNT
 * counts the values first seen in the period during that hour (so the hours add up to the period's).
 */
const HOURLY_ROLLUPS = `
INSERT INTO usage_hourly_rollups (tenant_id, metric_id, period_start, hour, value, event_count, latest_at)
WITH hours AS (
  SELECT tenant_id, metric_id, date_trunc('hour', occurred_at) AS hour, sum(quantity) AS total,
         max(quantity) AS peak, count(*) AS events, max(occurred_at) AS latest_at
  FROM usage_events WHERE occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz
  GROUP BY 1, 2, 3
), first_seen AS (
  SELECT tenant_id, metric_id, date_trunc('hour', first_at) AS hour, count(*) AS new_values
  FROM (
    SELECT e.tenant_id, e.metric_id, min(e.occurred_at) AS first_at
    FROM usage_events e JOIN billable_metrics m ON m.id = e.metric_id AND m.aggregation = 'UNIQUE_COUNT'
    WHERE e.occurred_at >= $1::timestamptz AND e.occurred_at < $2::timestamptz
    GROUP BY e.tenant_id, e.metric_id, e.properties ->> m.property
  ) AS firsts
  GROUP BY 1, 2, 3
)
SELECT h.tenant_id, h.metric_id, $1::timestamptz, h.hour,
       CASE m.aggregation WHEN 'MAX' THEN h.peak WHEN 'UNIQUE_COUNT' THEN coalesce(f.new_values, 0) ELSE h.total END,
       h.events, h.latest_at
FROM hours h
JOIN billable_metrics m ON m.id = h.metric_id
LEFT JOIN first_seen f USING (tenant_id, metric_id, hour)`;

/** Period totals from the hours, with the overage billed past each SOFT quota. */
const PERIOD_TOTALS = `
INSERT INTO usage_period_totals
  (tenant_id, metric_id, period_start, period_end, value, event_count, latest_at, overage_quantity)
SELECT r.tenant_id, r.metric_id, $1::timestamptz, $2::timestamptz, r.value, r.events, r.latest_at,
       CASE WHEN q.enforcement = 'SOFT' THEN greatest(0, r.value - q.period_limit) ELSE 0 END
FROM (
  SELECT r.tenant_id, r.metric_id,
         CASE WHEN m.aggregation = 'MAX' THEN max(r.value) ELSE sum(r.value) END AS value,
         sum(r.event_count) AS events, max(r.latest_at) AS latest_at
  FROM usage_hourly_rollups r JOIN billable_metrics m ON m.id = r.metric_id
  WHERE r.period_start = $1::timestamptz
  GROUP BY r.tenant_id, r.metric_id, m.aggregation
) AS r
JOIN subscriptions s ON s.tenant_id = r.tenant_id
LEFT JOIN plan_quotas q ON q.plan_version_id = s.plan_version_id AND q.metric_id = r.metric_id`;

/** What must hold between the tables for the data set to be one that ingestion could have written. */
const CONSISTENCY = `
SELECT
  (SELECT count(*) FROM usage_events) AS events,
  (SELECT count(*) FROM usage_idempotency_keys) AS keys,
  (SELECT coalesce(sum(event_count), 0) FROM usage_period_totals) AS counted,
  (SELECT count(*) FROM usage_period_totals t
     JOIN billable_metrics m ON m.id = t.metric_id AND m.aggregation = 'UNIQUE_COUNT'
     WHERE t.value <> (SELECT count(*) FROM usage_unique_values v
                       WHERE (v.tenant_id, v.metric_id, v.period_start) = (t.tenant_id, t.metric_id, t.period_start))
  ) AS unique_mismatches,
  (SELECT count(*) FROM usage_period_totals t
     JOIN subscriptions s ON s.tenant_id = t.tenant_id
     JOIN plan_quotas q ON q.plan_version_id = s.plan_version_id AND q.metric_id = t.metric_id AND q.enforcement = 'HARD'
     WHERE t.value > q.period_limit) AS past_hard_limits,
  (SELECT count(*) FROM usage_events WHERE over_quota) AS flagged,
  (SELECT coalesce(sum(t.overage_quantity), 0) FROM usage_period_totals t
     JOIN billable_metrics m ON m.id = t.metric_id AND m.aggregation = 'COUNT') AS counted_overage,
  (SELECT count(*) FROM usage_period_totals t
     JOIN billable_metrics m ON m.id = t.metric_id AND m.aggregation <> 'COUNT'
     WHERE t.overage_quantity > 0) AS other_overage`;

interface Consistency {
  events: string;
  keys: string;
  counted: string;
  unique_mismatches: string;
  past_hard_limits: string;
  flagged: string;
  counted_overage: string;
  other_overage: string;
}

export async function loadUsage(
  owner: ClientBase,
  options: { events: number; period: ClosePeriod; prices: ClosePriceList; log: (step: string) => void },
): Promise<void> {
  const { start, end } = options.period;
  const slotMetricIds = SLOTS.map((code) => options.prices.metricIds.get(code));
  await owner.query(EVENTS, [start, end, slotMetricIds, SLOTS, options.prices.metricIds.get('messages_sent')]);
  options.log('events');
  await owner.query(IDEMPOTENCY_KEYS, [start, end]);
  options.log('idempotency keys');
  await owner.query(UNIQUE_VALUES, [start, end]);
  options.log('unique values');
  await owner.query(HOURLY_ROLLUPS, [start, end]);
  options.log('hourly rollups');
  await owner.query(PERIOD_TOTALS, [start, end]);
  options.log('period totals');
  const [check] = (await owner.query<Consistency>(CONSISTENCY)).rows;
  const expected = String(options.events);
  const problems = [
    check.events !== expected && `${check.events} events instead of ${expected}`,
    check.keys !== expected && `${check.keys} idempotency keys for ${expected} events`,
    check.counted !== expected && `the period totals count ${check.counted} events of ${expected}`,
    check.unique_mismatches !== '0' && `${check.unique_mismatches} unique counts differ from their values`,
    check.past_hard_limits !== '0' && `${check.past_hard_limits} period totals are past a HARD quota`,
    Number(check.flagged) !== Number(check.counted_overage) &&
      `${check.flagged} events are flagged over quota, but the overage is ${check.counted_overage}`,
    check.other_overage !== '0' && `${check.other_overage} totals of other aggregations have overage`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`The generated usage is inconsistent: ${problems.join('; ')}`);
  options.log(`consistent: ${check.flagged} events past a SOFT quota`);
}
