-- Catalog (billable metrics, plans, plan versions with charges and quotas), each tenant's
-- subscription to one plan version, tenant API keys' lookup, and usage metering: raw events
-- partitioned by month, exactly-once keys, hourly rollups, period totals and in-console
-- notifications. The seat limit moves from tenants to the plan version.

CREATE TYPE "MetricAggregation" AS ENUM ('COUNT', 'SUM', 'MAX', 'UNIQUE_COUNT', 'LATEST');
CREATE TYPE "PlanVersionStatus" AS ENUM ('DRAFT', 'PUBLISHED');
CREATE TYPE "BillingInterval" AS ENUM ('MONTH', 'YEAR');
CREATE TYPE "ChargeModel" AS ENUM ('PER_UNIT', 'GRADUATED', 'VOLUME', 'PACKAGE');
CREATE TYPE "QuotaEnforcement" AS ENUM ('HARD', 'SOFT');

-- Catalog: owned by the platform, not by a tenant, so no row-level security. The API role
-- reads it; only the platform role (operator-scoped code behind PLATFORM_ADMIN) writes it.

CREATE TABLE billable_metrics (
  id          uuid PRIMARY KEY,
  code        text NOT NULL,
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  unit        text NOT NULL,
  aggregation "MetricAggregation" NOT NULL,
  -- The event property whose distinct values UNIQUE_COUNT counts; no other aggregation has one.
  property    text,
  created_at  timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  archived_at timestamptz(3),
  CONSTRAINT billable_metrics_code_format CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  CONSTRAINT billable_metrics_property_iff_unique_count CHECK ((aggregation = 'UNIQUE_COUNT') = (property IS NOT NULL))
);
CREATE UNIQUE INDEX billable_metrics_code_key ON billable_metrics (code);

CREATE TABLE plans (
  id          uuid PRIMARY KEY,
  code        text NOT NULL,
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  is_default  boolean NOT NULL DEFAULT false,
  created_at  timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  archived_at timestamptz(3),
  CONSTRAINT plans_code_format CHECK (code ~ '^[a-z][a-z0-9-]{1,62}$')
);
CREATE UNIQUE INDEX plans_code_key ON plans (code);
CREATE UNIQUE INDEX plans_one_default ON plans (is_default) WHERE is_default;

CREATE TABLE plan_versions (
  id              uuid PRIMARY KEY,
  plan_id         uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  version         integer NOT NULL CHECK (version > 0),
  status          "PlanVersionStatus" NOT NULL DEFAULT 'DRAFT',
  currency        char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  interval        "BillingInterval" NOT NULL,
  base_fee_minor  bigint NOT NULL DEFAULT 0 CHECK (base_fee_minor >= 0),
  seat_unit_price decimal(30, 12) NOT NULL DEFAULT 0 CHECK (seat_unit_price >= 0),
  included_seats  integer NOT NULL DEFAULT 0 CHECK (included_seats >= 0),
  max_seats       integer NOT NULL CHECK (max_seats >= included_seats AND max_seats > 0),
  trial_days      integer NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 365),
  published_at    timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at      timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT plan_versions_published_has_date CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
);
CREATE UNIQUE INDEX plan_versions_plan_id_version_key ON plan_versions (plan_id, version);
CREATE UNIQUE INDEX plan_versions_one_draft ON plan_versions (plan_id) WHERE status = 'DRAFT';

CREATE TABLE plan_charges (
  id              uuid PRIMARY KEY,
  plan_version_id uuid NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE ON UPDATE CASCADE,
  metric_id       uuid NOT NULL REFERENCES billable_metrics (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  model           "ChargeModel" NOT NULL,
  -- PER_UNIT: price per unit; PACKAGE: price per started package of package_size units.
  unit_price      decimal(30, 12) CHECK (unit_price >= 0),
  package_size    decimal(30, 12) CHECK (package_size > 0),
  -- GRADUATED and VOLUME: [{"upTo": "1000" | null, "unitPrice": "0.002", "flatFee": "0"}], validated by the API.
  tiers           jsonb NOT NULL DEFAULT '[]',
  included_units  decimal(30, 12) NOT NULL DEFAULT 0 CHECK (included_units >= 0),
  created_at      timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX plan_charges_plan_version_id_metric_id_key ON plan_charges (plan_version_id, metric_id);

CREATE TABLE plan_quotas (
  id              uuid PRIMARY KEY,
  plan_version_id uuid NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE ON UPDATE CASCADE,
  metric_id       uuid NOT NULL REFERENCES billable_metrics (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  period_limit    decimal(30, 12) NOT NULL CHECK (period_limit >= 0),
  enforcement     "QuotaEnforcement" NOT NULL,
  created_at      timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX plan_quotas_plan_version_id_metric_id_key ON plan_quotas (plan_version_id, metric_id);

-- Each tenant is on exactly one plan version, with its current period.
CREATE TABLE subscriptions (
  tenant_id            uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                   uuid NOT NULL,
  plan_version_id      uuid NOT NULL REFERENCES plan_versions (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  current_period_start timestamptz(3) NOT NULL,
  current_period_end   timestamptz(3) NOT NULL,
  trial_ends_at        timestamptz(3),
  created_at           timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at           timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT subscriptions_period_order CHECK (current_period_end > current_period_start)
);
CREATE UNIQUE INDEX subscriptions_tenant_id_key ON subscriptions (tenant_id);
CREATE INDEX subscriptions_plan_version_id_idx ON subscriptions (plan_version_id);

-- Tenants that exist before the catalog start on a default Free plan whose seat maximum keeps
-- every existing seat limit; the seed and platform admins shape the catalog from there.
DO $$
DECLARE
  free_plan uuid := '019ab000-0000-7000-8000-000000000001';
  free_v1   uuid := '019ab000-0000-7000-8000-000000000002';
BEGIN
  INSERT INTO plans (id, code, name, description, is_default)
  VALUES (free_plan, 'free', 'Free', 'Get started at no cost.', true);
  INSERT INTO plan_versions (id, plan_id, version, status, currency, interval, included_seats, max_seats, published_at)
  VALUES (free_v1, free_plan, 1, 'PUBLISHED', 'USD', 'MONTH', 0,
          GREATEST(5, COALESCE((SELECT max(seat_limit) FROM tenants), 0)), CURRENT_TIMESTAMP);
  INSERT INTO subscriptions (tenant_id, id, plan_version_id, current_period_start, current_period_end)
  SELECT t.id, gen_random_uuid(), free_v1, date_trunc('month', CURRENT_TIMESTAMP AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
         (date_trunc('month', CURRENT_TIMESTAMP AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC'
  FROM tenants t;
END
$$;

ALTER TABLE tenants DROP COLUMN seat_limit;

-- Usage events: exactly once per (tenant, idempotency key). The key table is the arbiter
-- (a partitioned table cannot hold a unique key without its partition column); an event is
-- written to usage_events only when its key was new. Keys compare bytewise (COLLATE "C"):
-- they are identifiers, not words, and bytewise comparison makes this hot index several
-- times cheaper to maintain. Like usage_events it has no foreign key: row-level security
-- already pins tenant_id to the caller's tenant, and a per-row check would slow ingestion.
CREATE TABLE usage_idempotency_keys (
  tenant_id       uuid NOT NULL,
  idempotency_key text COLLATE "C" NOT NULL,
  occurred_at     timestamptz(3) NOT NULL,
  received_at     timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, idempotency_key)
);

-- Raw events, partitioned by month of occurred_at; partitions are created ahead by
-- app_ensure_usage_event_partitions. An event is identified by its tenant and idempotency
-- key; the primary key leads with occurred_at so exports and recounts of a period read one
-- range. No other index and no foreign keys: ingestion checks metric and key, and every
-- extra per-row check or index costs throughput on the hottest write path.
CREATE TABLE usage_events (
  tenant_id       uuid NOT NULL,
  occurred_at     timestamptz(3) NOT NULL,
  idempotency_key text COLLATE "C" NOT NULL,
  metric_id       uuid NOT NULL,
  quantity        decimal(30, 12) NOT NULL,
  received_at     timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  properties      jsonb NOT NULL DEFAULT '{}',
  api_key_id      uuid,
  over_quota      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, occurred_at, idempotency_key)
) PARTITION BY RANGE (occurred_at);

-- Per tenant, metric, billing period and UTC hour. value is the hour's aggregate: COUNT and
-- SUM add, MAX and LATEST keep the largest or the newest quantity (latest_at says when),
-- UNIQUE_COUNT counts the values first seen in the period during this hour, so the hours of a
-- period add up to it. The period is part of the key because a period may begin inside an
-- hour (a plan change, a renewal): that hour's events then split between the two periods.
CREATE TABLE usage_hourly_rollups (
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  metric_id    uuid NOT NULL REFERENCES billable_metrics (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  period_start timestamptz(3) NOT NULL,
  hour         timestamptz(3) NOT NULL,
  value        decimal(30, 12) NOT NULL,
  event_count  bigint NOT NULL,
  latest_at    timestamptz(3),
  PRIMARY KEY (tenant_id, metric_id, period_start, hour)
);

-- The same aggregate over the tenant's billing period: what quotas compare against.
CREATE TABLE usage_period_totals (
  tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  metric_id        uuid NOT NULL REFERENCES billable_metrics (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  period_start     timestamptz(3) NOT NULL,
  period_end       timestamptz(3) NOT NULL,
  value            decimal(30, 12) NOT NULL,
  event_count      bigint NOT NULL,
  latest_at        timestamptz(3),
  -- Accepted past a SOFT quota: billed as overage, never rejected.
  overage_quantity decimal(30, 12) NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, metric_id, period_start)
);

-- Distinct values seen per period, which makes UNIQUE_COUNT exact.
CREATE TABLE usage_unique_values (
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  metric_id    uuid NOT NULL REFERENCES billable_metrics (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  period_start timestamptz(3) NOT NULL,
  value        text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, metric_id, period_start, value)
);

-- In-console notifications for a tenant's admins; dedupe_key makes "once per period" a constraint.
CREATE TABLE notifications (
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id         uuid NOT NULL,
  kind       text NOT NULL,
  title      text NOT NULL,
  body       text NOT NULL,
  link       text,
  dedupe_key text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX notifications_tenant_id_dedupe_key_key ON notifications (tenant_id, dedupe_key);
CREATE INDEX notifications_tenant_id_created_at_idx ON notifications (tenant_id, created_at);

CREATE TABLE notification_reads (
  tenant_id       uuid NOT NULL,
  notification_id uuid NOT NULL,
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
  read_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, notification_id, user_id),
  FOREIGN KEY (tenant_id, notification_id) REFERENCES notifications (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);

ALTER TABLE api_keys ADD CONSTRAINT api_keys_known_scopes CHECK (scopes <@ ARRAY['usage:write', 'quota:read']::text[]);

-- Row-level security on every tenant-owned table.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subscriptions', 'usage_idempotency_keys', 'usage_events', 'usage_hourly_rollups',
                           'usage_period_totals', 'usage_unique_values', 'notifications', 'notification_reads']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- Creates the monthly partitions of usage_events from `from_month` to `months_ahead` months
-- past the current one. Runs as the table owner so that the API role, which owns nothing,
-- can keep partitions ahead of time from a job.
CREATE FUNCTION app_ensure_usage_event_partitions(from_month date, months_ahead integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
DECLARE
  month_start date := date_trunc('month', from_month)::date;
  last_month  date := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => months_ahead))::date;
  created     integer := 0;
  partition   text;
BEGIN
  IF months_ahead NOT BETWEEN 0 AND 24 OR from_month < (now() - interval '10 years')::date THEN
    RAISE EXCEPTION 'partition range out of bounds: % .. % months ahead', from_month, months_ahead;
  END IF;
  WHILE month_start <= last_month LOOP
    partition := format('usage_events_%s', to_char(month_start, 'YYYY_MM'));
    IF to_regclass(partition) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF usage_events FOR VALUES FROM (%L) TO (%L)', partition,
                     month_start::timestamp AT TIME ZONE 'UTC', (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
      created := created + 1;
    END IF;
    month_start := (month_start + interval '1 month')::date;
  END LOOP;
  RETURN created;
END
$$;
REVOKE ALL ON FUNCTION app_ensure_usage_event_partitions(date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_ensure_usage_event_partitions(date, integer) TO warbler_app, warbler_platform;
SELECT app_ensure_usage_event_partitions((now() - interval '12 months')::date, 3);

-- An API key arrives before its tenant is known: this finds it by its public prefix, and
-- nothing else. Owned by the platform role, whose BYPASSRLS lets it look across tenants.
CREATE FUNCTION app_api_key_by_prefix(key_prefix text)
  RETURNS TABLE (tenant_id uuid, id uuid, key_hash text, scopes text[], expires_at timestamptz, revoked_at timestamptz, tenant_status "TenantStatus")
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT k.tenant_id, k.id, k.key_hash, k.scopes, k.expires_at, k.revoked_at, t.status
    FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
    WHERE k.prefix = key_prefix
  $$;
GRANT SELECT ON api_keys, tenants TO warbler_platform;
ALTER FUNCTION app_api_key_by_prefix(text) OWNER TO warbler_platform;
REVOKE ALL ON FUNCTION app_api_key_by_prefix(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_api_key_by_prefix(text) TO warbler_app;

-- The quota check of a tenant's software is the hottest read: one statement instead of a
-- four-statement transaction. It runs as its caller (warbler_app, under row-level security):
-- it only sets the tenant for its own transaction, as db.forTenant does, then reads. A NULL
-- metric code lists the plan's quotas and the metrics used this period without one.
CREATE FUNCTION app_quota_standings(for_tenant uuid, metric_code text)
  RETURNS TABLE (code text, period_limit text, enforcement "QuotaEnforcement", used text,
                 period_start timestamptz, period_end timestamptz)
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = public
  AS $$
BEGIN
  PERFORM set_config('app.tenant_id', for_tenant::text, true);
  RETURN QUERY
    SELECT m.code, q.period_limit::text, q.enforcement, COALESCE(t.value, 0)::text,
           s.current_period_start::timestamptz, s.current_period_end::timestamptz
    FROM subscriptions s
    JOIN billable_metrics m ON (metric_code IS NOT NULL AND m.code = metric_code)
      OR (metric_code IS NULL AND m.id IN (
            SELECT pq.metric_id FROM plan_quotas pq WHERE pq.plan_version_id = s.plan_version_id
            UNION
            SELECT pt.metric_id FROM usage_period_totals pt
            WHERE pt.period_start = s.current_period_start AND pt.event_count > 0))
    LEFT JOIN plan_quotas q ON q.plan_version_id = s.plan_version_id AND q.metric_id = m.id
    LEFT JOIN usage_period_totals t
      ON t.tenant_id = s.tenant_id AND t.metric_id = m.id AND t.period_start = s.current_period_start
    ORDER BY m.code;
END
$$;
REVOKE ALL ON FUNCTION app_quota_standings(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_quota_standings(uuid, text) TO warbler_app;

GRANT SELECT ON billable_metrics, plans, plan_versions, plan_charges, plan_quotas TO warbler_app;
GRANT SELECT, INSERT, UPDATE ON subscriptions TO warbler_app;
GRANT SELECT, INSERT ON usage_idempotency_keys, usage_events, usage_unique_values TO warbler_app;
-- Ingestion claims keys before it decides quotas and gives back the keys of refused events.
GRANT DELETE ON usage_idempotency_keys TO warbler_app;
GRANT SELECT, INSERT, UPDATE ON usage_hourly_rollups, usage_period_totals TO warbler_app;
GRANT SELECT, INSERT ON notifications TO warbler_app;
GRANT SELECT, INSERT, DELETE ON notification_reads TO warbler_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON billable_metrics, plans, plan_versions, plan_charges, plan_quotas TO warbler_platform;
GRANT SELECT, INSERT, UPDATE ON subscriptions TO warbler_platform;
GRANT SELECT ON usage_idempotency_keys, usage_events, usage_hourly_rollups, usage_period_totals, usage_unique_values TO warbler_platform;
GRANT SELECT, INSERT ON notifications TO warbler_platform;
GRANT SELECT ON notification_reads TO warbler_platform;
