import type { Pool } from 'pg';

/**
 * The floor of a period close on this machine: the same reads and writes done by PostgreSQL alone,
 * set-based, in one transaction. It rolls every ended subscription forward and writes an invoice per
 * subscription with a base fee, a seat and one usage line per charged metric that has usage (priced
 * at the tier the quantity falls in; the job's graduated lines go tier by tier, so it writes a few more),
 * through the same constraints, triggers and indexes. No Node, no per-tenant transactions.
 */
const CLOSING = `
CREATE TEMP TABLE closing (
  tenant_id uuid, subscription_id uuid, plan_version_id uuid, period_start timestamptz, period_end timestamptz,
  invoice_id uuid
) ON COMMIT DROP`;

const ROLL = `
WITH rolled AS (
  UPDATE subscriptions s
  SET current_period_start = o.current_period_end,
      current_period_end = o.current_period_end
        + CASE v.interval WHEN 'YEAR' THEN interval '1 year' ELSE interval '1 month' END
  FROM subscriptions o JOIN plan_versions v ON v.id = o.plan_version_id
  WHERE (s.tenant_id, s.id) = (o.tenant_id, o.id) AND o.current_period_end <= $1::timestamptz
  RETURNING s.tenant_id, s.id, s.plan_version_id, o.current_period_start, o.current_period_end
)
INSERT INTO closing SELECT *, gen_random_uuid() FROM rolled`;

const LINES = `
CREATE TEMP TABLE closing_lines ON COMMIT DROP AS
WITH terms AS (
  SELECT c.*, v.base_fee_minor, v.seat_unit_price, v.included_seats,
         CASE WHEN v.currency IN ('JPY', 'KRW') THEN 1 WHEN v.currency IN ('KWD', 'BHD', 'OMR') THEN 1000 ELSE 100 END
           AS minor_per_major,
         (SELECT count(*) FROM memberships m
          WHERE m.tenant_id = c.tenant_id AND m.status = 'ACTIVE' AND m.seat_assigned) AS seats
  FROM closing c JOIN plan_versions v ON v.id = c.plan_version_id
), lines AS (
  SELECT tenant_id, invoice_id, period_start, period_end, 1 AS part, 'BASE_FEE'::"InvoiceLineKind" AS kind,
         'Base fee' AS description, NULL::uuid AS metric_id, 1::numeric AS quantity,
         base_fee_minor::numeric / minor_per_major AS unit_price, base_fee_minor AS amount_minor, '{}'::jsonb AS explain
  FROM terms WHERE base_fee_minor > 0
  UNION ALL
  SELECT tenant_id, invoice_id, period_start, period_end, 2, 'SEATS', 'Seats above the included ones', NULL,
         seats - included_seats, seat_unit_price,
         round((seats - included_seats) * seat_unit_price * minor_per_major)::bigint,
         jsonb_build_object('seats', seats, 'includedSeats', included_seats)
  FROM terms WHERE seats > included_seats
  UNION ALL
  SELECT t.tenant_id, t.invoice_id, t.period_start, t.period_end, 3, 'USAGE', m.name, m.id, q.quantity, p.price,
         round(CASE WHEN ch.model = 'PACKAGE' THEN ceil(q.quantity / ch.package_size) * p.price
                    ELSE q.quantity * p.price END * t.minor_per_major)::bigint,
         jsonb_build_object('model', ch.model, 'includedUnits', ch.included_units,
           'rollup', jsonb_build_object('metricId', u.metric_id, 'periodStart', u.period_start, 'value', u.value,
                                        'eventCount', u.event_count, 'overageQuantity', u.overage_quantity))
  FROM terms t
  JOIN plan_charges ch ON ch.plan_version_id = t.plan_version_id
  JOIN billable_metrics m ON m.id = ch.metric_id
  JOIN usage_period_totals u ON (u.tenant_id, u.metric_id, u.period_start) = (t.tenant_id, ch.metric_id, t.period_start)
  CROSS JOIN LATERAL (SELECT greatest(u.value - ch.included_units, 0) AS quantity) AS q
  CROSS JOIN LATERAL (
    SELECT coalesce(ch.unit_price, (
      SELECT (tier ->> 'unitPrice')::numeric FROM jsonb_array_elements(ch.tiers) WITH ORDINALITY AS x(tier, n)
      WHERE tier ->> 'upTo' IS NULL OR (tier ->> 'upTo')::numeric >= q.quantity
      ORDER BY n LIMIT 1)) AS price
  ) AS p
)
SELECT *, row_number() OVER (PARTITION BY invoice_id ORDER BY part, metric_id) AS position FROM lines`;

const INVOICES = `
INSERT INTO invoices (tenant_id, id, subscription_id, plan_version_id, period_start, period_end, currency,
                      subtotal_minor, tax_minor, total_minor, tax_rate_percent)
SELECT c.tenant_id, c.invoice_id, c.subscription_id, c.plan_version_id, c.period_start, c.period_end, v.currency,
       s.subtotal, x.tax, s.subtotal + x.tax, t.tax_rate_percent
FROM closing c
JOIN plan_versions v ON v.id = c.plan_version_id
JOIN tenants t ON t.id = c.tenant_id
CROSS JOIN LATERAL (
  SELECT coalesce(sum(l.amount_minor), 0)::bigint AS subtotal FROM closing_lines l WHERE l.invoice_id = c.invoice_id
) AS s
CROSS JOIN LATERAL (SELECT round(s.subtotal * coalesce(t.tax_rate_percent, 0) / 100)::bigint AS tax) AS x`;

const INVOICE_LINES = `
INSERT INTO invoice_lines (tenant_id, id, invoice_id, position, kind, description, metric_id, quantity, unit_price,
                           amount_minor, period_start, period_end, explain)
SELECT tenant_id, gen_random_uuid(), invoice_id, position, kind, description, metric_id, quantity, unit_price,
       amount_minor, period_start, period_end, explain
FROM closing_lines`;

export interface BaselineClose {
  ms: number;
  invoices: number;
  lines: number;
}

/**
 * Runs the floor and rolls it back, so the job then starts from the very same rows; the table space
 * the rolled-back rows took is vacuumed away before the job runs.
 */
export async function baselineClose(owner: Pool, now: Date): Promise<BaselineClose> {
  const client = await owner.connect();
  let result: BaselineClose;
  try {
    const started = performance.now();
    await client.query('BEGIN');
    await client.query(CLOSING);
    await client.query(ROLL, [now]);
    await client.query('ANALYZE closing');
    await client.query(LINES);
    await client.query('CREATE INDEX ON closing_lines (invoice_id)');
    await client.query('ANALYZE closing_lines');
    const invoices = await client.query(INVOICES);
    const lines = await client.query(INVOICE_LINES);
    result = { ms: performance.now() - started, invoices: invoices.rowCount ?? 0, lines: lines.rowCount ?? 0 };
    await client.query('ROLLBACK');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  await owner.query('VACUUM (ANALYZE) subscriptions, invoices, invoice_lines');
  return result;
}
