-- Foundation: roles, identity, tenants, memberships, invitations, API keys, audit, outbox.
-- The migration runs as the schema owner. The API connects as warbler_app (no BYPASSRLS,
-- owns nothing); operator-scoped code connects as warbler_platform (BYPASSRLS).

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'warbler_app') THEN
    CREATE ROLE warbler_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'warbler_platform') THEN
    CREATE ROLE warbler_platform LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO warbler_app, warbler_platform;

-- The tenant of the current transaction, or NULL when none was set: an unset tenant
-- matches no row instead of raising an error.
CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

-- The signed-in user of the current transaction, or NULL.
CREATE FUNCTION app_current_user() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

CREATE TYPE "TenantStatus" AS ENUM ('ACTIVE', 'SUSPENDED');
CREATE TYPE "TenantRole" AS ENUM ('OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER');
CREATE TYPE "StaffRole" AS ENUM ('PLATFORM_ADMIN', 'SUPPORT', 'FINANCE');
CREATE TYPE "MembershipStatus" AS ENUM ('ACTIVE', 'REMOVED');
CREATE TYPE "InvitationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REVOKED');

-- Identity (global, not tenant-owned) -------------------------------------------------

CREATE TABLE users (
  id             uuid PRIMARY KEY,
  email          text NOT NULL,
  display_name   text NOT NULL,
  password_hash  text NOT NULL,
  staff_role     "StaffRole",
  mfa_secret     text,
  mfa_enabled_at timestamptz(3),
  created_at     timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT users_email_lowercase CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE sessions (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
  user_agent   text,
  ip           text,
  created_at   timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_used_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at   timestamptz(3) NOT NULL,
  revoked_at   timestamptz(3),
  revoked_why  text,
  mfa_passed   boolean NOT NULL DEFAULT false
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
  id         uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE ON UPDATE CASCADE,
  token_hash text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  rotated_at timestamptz(3)
);
CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);

CREATE TABLE mfa_recovery_codes (
  id        uuid PRIMARY KEY,
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
  code_hash text NOT NULL,
  used_at   timestamptz(3)
);
CREATE INDEX mfa_recovery_codes_user_id_idx ON mfa_recovery_codes (user_id);

CREATE TABLE rate_limits (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Tenants -----------------------------------------------------------------------------

CREATE TABLE tenants (
  id         uuid PRIMARY KEY,
  slug       text NOT NULL,
  name       text NOT NULL,
  status     "TenantStatus" NOT NULL DEFAULT 'ACTIVE',
  seat_limit integer NOT NULL CHECK (seat_limit >= 0),
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT tenants_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug);

CREATE TABLE memberships (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id            uuid NOT NULL,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  role          "TenantRole" NOT NULL,
  seat_assigned boolean NOT NULL DEFAULT false,
  status        "MembershipStatus" NOT NULL DEFAULT 'ACTIVE',
  created_at    timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at    timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT memberships_removed_has_no_seat CHECK (status = 'ACTIVE' OR NOT seat_assigned)
);
CREATE UNIQUE INDEX memberships_tenant_id_user_id_key ON memberships (tenant_id, user_id);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

CREATE TABLE invitations (
  tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                 uuid NOT NULL,
  email              text NOT NULL CHECK (email = lower(email)),
  role               "TenantRole" NOT NULL,
  assign_seat        boolean NOT NULL DEFAULT false,
  token_hash         text NOT NULL,
  status             "InvitationStatus" NOT NULL DEFAULT 'PENDING',
  invited_by_user_id uuid NOT NULL,
  expires_at         timestamptz(3) NOT NULL,
  last_sent_at       timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  send_count         integer NOT NULL DEFAULT 1,
  accepted_at        timestamptz(3),
  created_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX invitations_tenant_id_token_hash_key ON invitations (tenant_id, token_hash);
CREATE INDEX invitations_tenant_id_email_idx ON invitations (tenant_id, email);
-- One open invitation per address and tenant; accepted and revoked ones are history.
CREATE UNIQUE INDEX invitations_one_pending_per_email ON invitations (tenant_id, email) WHERE status = 'PENDING';

CREATE TABLE api_keys (
  tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                 uuid NOT NULL,
  name               text NOT NULL,
  prefix             text NOT NULL,
  key_hash           text NOT NULL,
  scopes             text[] NOT NULL DEFAULT ARRAY[]::text[],
  created_by_user_id uuid NOT NULL,
  expires_at         timestamptz(3),
  revoked_at         timestamptz(3),
  last_used_at       timestamptz(3),
  created_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix);

CREATE TABLE audit_events (
  tenant_id            uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  seq                  bigint NOT NULL,
  id                   uuid NOT NULL,
  occurred_at          timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor_user_id        uuid,
  actor_email          text,
  impersonator_user_id uuid,
  action               text NOT NULL,
  target_type          text NOT NULL,
  target_id            text,
  changes              jsonb NOT NULL DEFAULT '{}',
  request_id           text,
  ip                   text,
  prev_hash            text NOT NULL,
  hash                 text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE UNIQUE INDEX audit_events_tenant_id_id_key ON audit_events (tenant_id, id);
CREATE INDEX audit_events_tenant_id_occurred_at_idx ON audit_events (tenant_id, occurred_at);

-- Even the owner cannot rewrite history: the chain must only ever grow.
CREATE FUNCTION audit_events_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$;
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_forbid_change();

CREATE TABLE outbox_emails (
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id         uuid NOT NULL,
  to_email   text NOT NULL,
  subject    text NOT NULL,
  body       text NOT NULL,
  link       text,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at    timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);

-- Row-level security ------------------------------------------------------------------

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
-- A user sees the tenant in context and, to switch between them, the tenants they belong to.
CREATE POLICY tenant_isolation ON tenants
  USING (id = app_current_tenant())
  WITH CHECK (id = app_current_tenant());
CREATE POLICY tenants_of_current_user ON tenants FOR SELECT
  USING (id IN (SELECT m.tenant_id FROM memberships m WHERE m.user_id = app_current_user() AND m.status = 'ACTIVE'));

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
  USING (tenant_id = app_current_tenant())
  WITH CHECK (tenant_id = app_current_tenant());
CREATE POLICY memberships_of_current_user ON memberships FOR SELECT
  USING (user_id = app_current_user());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
  USING (tenant_id = app_current_tenant())
  WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
  USING (tenant_id = app_current_tenant())
  WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
  USING (tenant_id = app_current_tenant())
  WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE outbox_emails ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_emails FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox_emails
  USING (tenant_id = app_current_tenant())
  WITH CHECK (tenant_id = app_current_tenant());

-- Privileges --------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, refresh_tokens, mfa_recovery_codes, rate_limits TO warbler_app;
GRANT SELECT, UPDATE ON tenants TO warbler_app;
GRANT SELECT, INSERT, UPDATE ON memberships, invitations, api_keys, outbox_emails TO warbler_app;
GRANT SELECT, INSERT ON audit_events TO warbler_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, refresh_tokens, mfa_recovery_codes, rate_limits TO warbler_platform;
GRANT SELECT, INSERT, UPDATE ON tenants, memberships, invitations, api_keys, outbox_emails TO warbler_platform;
GRANT SELECT, INSERT ON audit_events TO warbler_platform;
