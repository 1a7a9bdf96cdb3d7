-- Webhooks to tenants: the HTTPS endpoints a tenant's admins register, the events Warbler raised
-- for them, one delivery per event and subscribed endpoint (a durable queue), and every attempt at
-- a delivery. See docs/webhooks.md.

CREATE TYPE "WebhookDeliveryStatus" AS ENUM (
  'PENDING',   -- waiting for its next attempt (or being attempted: locked_until is ahead)
  'SUCCEEDED', -- the endpoint answered 2xx
  'FAILED'     -- retries ran out (retry_until passed) with no 2xx
);

CREATE TABLE webhook_endpoints (
  tenant_id                  uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                         uuid NOT NULL,
  url                        text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
  description                text NOT NULL DEFAULT '' CHECK (length(description) <= 200),
  event_types                text[] NOT NULL CHECK (cardinality(event_types) >= 1),
  enabled                    boolean NOT NULL DEFAULT true,
  -- The signing secret, AES-256-GCM encrypted (iv:tag:ciphertext): an HMAC needs the secret
  -- itself, so it cannot be stored hashed like an API key.
  secret_sealed              text NOT NULL,
  -- The secret's last characters, to tell secrets apart in the console.
  secret_hint                text NOT NULL,
  -- The secret before the last rotation: deliveries are signed with both until it expires.
  previous_secret_sealed     text,
  previous_secret_expires_at timestamptz(3),
  secret_rotated_at          timestamptz(3),
  created_by_user_id         uuid NOT NULL,
  created_at                 timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at                 timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT webhook_endpoints_previous_secret_fields
    CHECK ((previous_secret_sealed IS NULL) = (previous_secret_expires_at IS NULL))
);
CREATE INDEX webhook_endpoints_tenant_id_created_at_idx ON webhook_endpoints (tenant_id, created_at);

-- What happened, once, with the payload every endpoint receives. Written only when at least one
-- enabled endpoint subscribes to its type. dedupe_key makes "once per what" a constraint (e.g. a
-- quota threshold once per period). Append-only.
CREATE TABLE webhook_events (
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id         uuid NOT NULL,
  type       text NOT NULL,
  data       jsonb NOT NULL,
  dedupe_key text,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX webhook_events_tenant_id_dedupe_key_key ON webhook_events (tenant_id, dedupe_key);

-- One event to one endpoint: the queue. A worker claims due rows with FOR UPDATE SKIP LOCKED and
-- holds them until locked_until; one that dies leaves the row to be claimed again after that.
CREATE TABLE webhook_deliveries (
  tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id               uuid NOT NULL,
  event_id         uuid NOT NULL,
  endpoint_id      uuid NOT NULL,
  status           "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
  -- Attempts started (claims); an attempt that died with its worker counts but left no row.
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  locked_until     timestamptz(3),
  -- No automatic retry after this (three days after the event).
  retry_until      timestamptz(3) NOT NULL,
  last_attempt_at  timestamptz(3),
  last_status_code integer,
  last_error       text,
  delivered_at     timestamptz(3),
  created_at       timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, event_id) REFERENCES webhook_events (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT webhook_deliveries_delivered_fields CHECK ((status = 'SUCCEEDED') = (delivered_at IS NOT NULL))
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_tenant_id_endpoint_id_created_at_id_idx
  ON webhook_deliveries (tenant_id, endpoint_id, created_at, id);
CREATE INDEX webhook_deliveries_tenant_id_event_id_idx ON webhook_deliveries (tenant_id, event_id);

-- Each attempt at a delivery, as the endpoint answered it (or did not). Never changed; removed only
-- with its endpoint.
CREATE TABLE webhook_delivery_attempts (
  tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id               uuid NOT NULL,
  delivery_id      uuid NOT NULL,
  number           integer NOT NULL CHECK (number >= 1),
  attempted_at     timestamptz(3) NOT NULL,
  duration_ms      integer NOT NULL CHECK (duration_ms >= 0),
  succeeded        boolean NOT NULL,
  status_code      integer,
  error            text,
  -- The start of the endpoint's answer, at most 1000 characters.
  response_snippet text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_deliveries (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX webhook_delivery_attempts_tenant_id_delivery_id_number_key
  ON webhook_delivery_attempts (tenant_id, delivery_id, number);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['webhook_endpoints', 'webhook_events', 'webhook_deliveries', 'webhook_delivery_attempts']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- Tenant admins manage their endpoints; events and attempts are only ever added; a delivery's
-- queue state moves on, its event and endpoint never change.
GRANT SELECT, INSERT, DELETE ON webhook_endpoints TO warbler_app;
GRANT UPDATE (url, description, event_types, enabled, secret_sealed, secret_hint, previous_secret_sealed,
              previous_secret_expires_at, secret_rotated_at, updated_at)
  ON webhook_endpoints TO warbler_app;
GRANT SELECT, INSERT ON webhook_events, webhook_deliveries, webhook_delivery_attempts TO warbler_app;
GRANT UPDATE (status, attempts, next_attempt_at, locked_until, last_attempt_at, last_status_code, last_error, delivered_at)
  ON webhook_deliveries TO warbler_app;
-- Events raised in cross-tenant work (the finance desk), and the delivery worker's claim across tenants.
GRANT SELECT ON webhook_endpoints TO warbler_platform;
GRANT SELECT, INSERT ON webhook_events, webhook_deliveries TO warbler_platform;
GRANT UPDATE (attempts, locked_until) ON webhook_deliveries TO warbler_platform;
