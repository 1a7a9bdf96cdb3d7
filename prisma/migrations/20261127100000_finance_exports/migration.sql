-- Finance exports: export jobs (a long usage or invoice export written to a file in the
-- background and downloaded later) and the platform audit log, where staff actions that belong
-- to no tenant are recorded (every export, staff role changes). Both are platform tables: they
-- carry no tenant_id, have no row-level security, and only warbler_platform reaches them.

CREATE TYPE "ExportKind" AS ENUM ('USAGE', 'INVOICES');
CREATE TYPE "ExportFormat" AS ENUM ('CSV', 'JSONL');
CREATE TYPE "ExportJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

CREATE TABLE export_jobs (
  id                   uuid NOT NULL PRIMARY KEY,
  kind                 "ExportKind" NOT NULL,
  format               "ExportFormat" NOT NULL,
  -- The validated filter, as the export ran it (see docs/exports.md).
  filter               jsonb NOT NULL,
  status               "ExportJobStatus" NOT NULL DEFAULT 'QUEUED',
  requested_by_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  -- A retried create with the same key answers the job it already made.
  idempotency_key      text NOT NULL,
  -- Counted before writing starts; rows_written / total_rows is the progress.
  total_rows           bigint,
  rows_written         bigint NOT NULL DEFAULT 0,
  bytes_written        bigint NOT NULL DEFAULT 0,
  -- Relative to EXPORT_STORAGE_DIR; null until the file is complete.
  file_name            text,
  error                text,
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  -- Moved forward while the job runs, so a job whose instance died is recognised and failed.
  updated_at           timestamptz(3) NOT NULL DEFAULT now(),
  started_at           timestamptz(3),
  finished_at          timestamptz(3),
  expires_at           timestamptz(3) NOT NULL,
  CONSTRAINT export_jobs_idempotency_key_length CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
  CONSTRAINT export_jobs_rows_non_negative CHECK (rows_written >= 0 AND bytes_written >= 0)
);
CREATE UNIQUE INDEX export_jobs_requested_by_user_id_idempotency_key_key ON export_jobs (requested_by_user_id, idempotency_key);
CREATE INDEX export_jobs_created_at_id_idx ON export_jobs (created_at, id);
CREATE INDEX export_jobs_expires_at_idx ON export_jobs (expires_at);

-- Staff actions outside any tenant. Append-only like audit_events: nobody, the owner included,
-- may change or remove a row.
CREATE TABLE platform_audit_events (
  seq                bigserial PRIMARY KEY,
  id                 uuid NOT NULL,
  occurred_at        timestamptz(3) NOT NULL DEFAULT now(),
  actor_user_id      uuid REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  actor_email        text,
  actor_staff_role   "StaffRole",
  action             text NOT NULL,
  target_type        text NOT NULL,
  target_id          text,
  details            jsonb NOT NULL DEFAULT '{}',
  request_id         text,
  ip                 text
);
CREATE UNIQUE INDEX platform_audit_events_id_key ON platform_audit_events (id);
CREATE INDEX platform_audit_events_occurred_at_idx ON platform_audit_events (occurred_at);
CREATE INDEX platform_audit_events_action_occurred_at_idx ON platform_audit_events (action, occurred_at);

CREATE FUNCTION app_platform_audit_events_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'platform_audit_events is append-only'; END $$;
CREATE TRIGGER platform_audit_events_append_only
  BEFORE UPDATE OR DELETE ON platform_audit_events
  FOR EACH ROW EXECUTE FUNCTION app_platform_audit_events_forbid_change();

-- warbler_app serves tenants and gets neither table.
GRANT SELECT, INSERT, UPDATE, DELETE ON export_jobs TO warbler_platform;
GRANT SELECT, INSERT ON platform_audit_events TO warbler_platform;
-- Inserts draw seq from the bigserial's sequence.
GRANT USAGE ON SEQUENCE platform_audit_events_seq_seq TO warbler_platform;
