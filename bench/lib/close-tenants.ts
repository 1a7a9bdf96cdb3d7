import type { ClientBase } from 'pg';
import type { ClosePriceList } from './close-catalog';

export interface ClosePeriod {
  start: Date;
  end: Date;
}

/**
 * The tenants of the period-close benchmark, derived from their number i alone so that a reload
 * makes the same data set. Usage is skewed as in real life: tenant i sends
 * floor(E·√((i+1)/T)) − floor(E·√(i/T)) of the E events, i.e. tenant 0 about E/√T and the last
 * about E/(2T), and the heaviest tenants are on the biggest plans. Every 5th tenant pays 20 % tax,
 * the next one 8.875 %; every 50th subscription's trial ends ten days into the period.
 *
 * `bench_tenants` is a temporary table of the loading session: the usage loader reads it too.
 */
const TENANT_TABLE = `
CREATE TEMP TABLE bench_tenants AS
WITH numbered AS (
  SELECT i,
         CASE WHEN i < $1::int / 100 THEN 'enterprise'
              WHEN i < $1::int / 10 THEN 'business'
              WHEN i < 4 * $1::int / 10 THEN CASE WHEN i % 3 = 0 THEN 'team-v1' ELSE 'team-v2' END
              ELSE 'starter' END AS tier
  FROM generate_series(0, $1::int - 1) AS i
)
SELECT i, tier,
       md5('close-bench-tenant-' || i)::uuid AS id,
       md5('close-bench-subscription-' || i)::uuid AS subscription_id,
       md5('close-bench-api-key-' || i)::uuid AS api_key_id,
       ($3::jsonb ->> tier)::uuid AS plan_version_id,
       CASE tier WHEN 'enterprise' THEN 100 + i % 50 WHEN 'business' THEN 15 + i % 20
                 WHEN 'starter' THEN 1 + i % 4 ELSE 3 + i % 6 END AS seats,
       (floor($2::numeric * sqrt((i + 1)::numeric / $1::int))
         - floor($2::numeric * sqrt(i::numeric / $1::int)))::int AS events
FROM numbered`;

const TENANTS = `
INSERT INTO tenants (id, slug, name, tax_rate_percent)
SELECT id, 'close-bench-' || lpad(i::text, 6, '0'), 'Bench tenant ' || i,
       CASE i % 5 WHEN 0 THEN 20 WHEN 1 THEN 8.875 END
FROM bench_tenants`;

/** Seats + 1 members each: the last one holds no seat. */
const USERS = `
INSERT INTO users (id, email, display_name, password_hash)
SELECT md5('close-bench-user-' || t.i || '-' || k)::uuid, 'member' || k || '@tenant' || t.i || '.bench.invalid',
       'Member ' || k, '!'
FROM bench_tenants t CROSS JOIN LATERAL generate_series(0, t.seats) AS k`;

const MEMBERSHIPS = `
INSERT INTO memberships (tenant_id, id, user_id, role, seat_assigned)
SELECT t.id, md5('close-bench-membership-' || t.i || '-' || k)::uuid, md5('close-bench-user-' || t.i || '-' || k)::uuid,
       (CASE k WHEN 0 THEN 'OWNER' WHEN 1 THEN 'BILLING_ADMIN' ELSE 'MEMBER' END)::"TenantRole", k < t.seats
FROM bench_tenants t CROSS JOIN LATERAL generate_series(0, t.seats) AS k`;

/** Each subscription is in the period that has just ended ($1, $2): the close moves it to the next. */
const SUBSCRIPTIONS = `
INSERT INTO subscriptions (tenant_id, id, plan_version_id, current_period_start, current_period_end, trial_ends_at,
                           billing_anchor_at, seat_quantity)
SELECT t.id, t.subscription_id, t.plan_version_id, $1::timestamptz, $2::timestamptz,
       CASE WHEN t.i % 50 = 7 THEN $1::timestamptz + interval '10 days' END, $1::timestamptz,
       greatest(t.seats, v.included_seats)
FROM bench_tenants t JOIN plan_versions v ON v.id = t.plan_version_id`;

/** The key each tenant's software reports usage with; usage_events name it. */
const API_KEYS = `
INSERT INTO api_keys (tenant_id, id, name, prefix, key_hash, scopes, created_by_user_id)
SELECT t.id, t.api_key_id, 'Production', 'wbk_bench' || lpad(t.i::text, 6, '0'), md5('close-bench-key-hash-' || t.i),
       ARRAY['usage:write', 'quota:read'], md5('close-bench-user-' || t.i || '-0')::uuid
FROM bench_tenants t`;

export async function createTenants(
  owner: ClientBase,
  options: { tenants: number; events: number; period: ClosePeriod; prices: ClosePriceList },
): Promise<void> {
  const versions = JSON.stringify(Object.fromEntries(options.prices.versionIds));
  await owner.query(TENANT_TABLE, [options.tenants, options.events, versions]);
  await owner.query(TENANTS);
  await owner.query(USERS);
  await owner.query(MEMBERSHIPS);
  await owner.query(SUBSCRIPTIONS, [options.period.start, options.period.end]);
  await owner.query(API_KEYS);
}
