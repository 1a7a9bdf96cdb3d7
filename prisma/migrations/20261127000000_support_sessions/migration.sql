-- Support impersonation: a tenant's stance on support access and the owner's standing write
-- grant, the time-boxed sessions support staff open on a tenant, and the log of every request
-- made in one. See docs/support.md.

CREATE TYPE "SupportAccess" AS ENUM ('ALLOWED', 'REFUSED');
CREATE TYPE "SupportSessionMode" AS ENUM ('READ_ONLY', 'WRITE');
CREATE TYPE "SupportSessionStatus" AS ENUM (
  'PENDING_APPROVAL', -- a WRITE session without the owner's grant, waiting for a platform admin
  'ACTIVE',
  'ENDED'
);
CREATE TYPE "SupportSessionEnd" AS ENUM (
  'ENDED_BY_STAFF',   -- the support engineer (or a platform admin) ended it
  'ENDED_BY_TENANT',  -- the tenant's owner ended it, refused support access or revoked the grant it relied on
  'EXPIRED',          -- its time box ran out (or, pending, nobody approved it in time)
  'LOGOUT'            -- the staff member's sign-in session it was bound to was revoked
);

-- The owner's stance: REFUSED stops every support session; support_write_until is the standing
-- grant "support may act until", set and revoked by an owner (who and when kept beside it; the
-- history is in the tenant's audit log).
ALTER TABLE tenants
  ADD COLUMN support_access "SupportAccess" NOT NULL DEFAULT 'ALLOWED',
  ADD COLUMN support_write_until timestamptz(3),
  ADD COLUMN support_write_granted_by_user_id uuid,
  ADD COLUMN support_write_granted_at timestamptz(3),
  ADD CONSTRAINT tenants_support_write_grant_fields CHECK (
    (support_write_until IS NULL) = (support_write_granted_by_user_id IS NULL)
    AND (support_write_until IS NULL) = (support_write_granted_at IS NULL));

-- People are kept by id without foreign keys, as in audit_events: the record outlives accounts.
CREATE TABLE support_sessions (
  tenant_id               uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                      uuid NOT NULL,
  staff_user_id           uuid NOT NULL,
  -- The staff member's sign-in session: the support session works with that session's tokens only
  -- and ends when it is revoked (sign-out).
  staff_session_id        uuid NOT NULL,
  viewed_as_user_id       uuid NOT NULL,
  viewed_as_membership_id uuid NOT NULL,
  reason                  text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  ticket_reference        text NOT NULL CHECK (length(ticket_reference) BETWEEN 1 AND 100),
  mode                    "SupportSessionMode" NOT NULL DEFAULT 'READ_ONLY',
  status                  "SupportSessionStatus" NOT NULL,
  duration_minutes        integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 240),
  requested_at            timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  started_at              timestamptz(3),
  expires_at              timestamptz(3) NOT NULL,
  -- The owner's grant a WRITE session started under; null when a platform admin approved it instead.
  write_grant_until       timestamptz(3),
  approved_by_user_id     uuid,
  approved_at             timestamptz(3),
  ended_at                timestamptz(3),
  ended_how               "SupportSessionEnd",
  ended_by_user_id        uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, viewed_as_membership_id) REFERENCES memberships (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT support_sessions_end_fields CHECK ((ended_at IS NULL) = (ended_how IS NULL) AND (status = 'ENDED') = (ended_at IS NOT NULL)),
  CONSTRAINT support_sessions_approval_fields CHECK ((approved_at IS NULL) = (approved_by_user_id IS NULL)),
  CONSTRAINT support_sessions_approver_is_not_requester CHECK (approved_by_user_id IS DISTINCT FROM staff_user_id),
  CONSTRAINT support_sessions_active_started CHECK (status <> 'ACTIVE' OR started_at IS NOT NULL),
  CONSTRAINT support_sessions_write_authorised CHECK (
    status <> 'ACTIVE' OR mode = 'READ_ONLY' OR write_grant_until IS NOT NULL OR approved_at IS NOT NULL)
);
CREATE INDEX support_sessions_tenant_id_requested_at_idx ON support_sessions (tenant_id, requested_at);
CREATE INDEX support_sessions_staff_user_id_idx ON support_sessions (staff_user_id);
CREATE INDEX support_sessions_staff_session_id_idx ON support_sessions (staff_session_id);

-- Every request made in a support session: what was called, whether it was a change, and the
-- access decision. Append-only.
CREATE TABLE support_session_requests (
  tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                 uuid NOT NULL,
  support_session_id uuid NOT NULL,
  at                 timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- "graphql:query:members", "graphql:mutation:inviteMember" or "http:GET /v1/...".
  operation          text NOT NULL,
  is_change          boolean NOT NULL,
  -- ADMITTED, or the refusal's code and reason, e.g. FORBIDDEN:SUPPORT_READ_ONLY.
  outcome            text NOT NULL,
  request_id         text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, support_session_id) REFERENCES support_sessions (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX support_session_requests_tenant_id_support_session_id_at_idx
  ON support_session_requests (tenant_id, support_session_id, at);

CREATE FUNCTION app_support_session_requests_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'support_session_requests is append-only'; END $$;
CREATE TRIGGER support_session_requests_append_only
  BEFORE UPDATE OR DELETE ON support_session_requests
  FOR EACH ROW EXECUTE FUNCTION app_support_session_requests_forbid_change();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['support_sessions', 'support_session_requests']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- A session's who, why and time box never change once written; only its state moves on.
GRANT SELECT, INSERT ON support_sessions, support_session_requests TO warbler_app;
GRANT UPDATE (status, started_at, expires_at, approved_by_user_id, approved_at, ended_at, ended_how, ended_by_user_id)
  ON support_sessions TO warbler_app;
-- Finding pending sessions to approve, and support's own sessions, across tenants.
GRANT SELECT ON support_sessions, support_session_requests TO warbler_platform;
