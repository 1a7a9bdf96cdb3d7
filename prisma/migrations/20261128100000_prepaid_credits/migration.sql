-- Prepaid credits: grants of money a tenant may spend on its invoices (bought, or given as a
-- promotion), consumed when an invoice is finalized, oldest expiry first, and given back when that
-- invoice is voided. Every movement is a row of an append-only ledger; a grant's remaining balance
-- is kept on the grant in the transaction that writes the movement, under the grant's row lock.
-- All writes are staff or job work across tenants (warbler_platform); the API role reads a
-- tenant's own grants and ledger under row-level security. See docs/credits.md.

CREATE TYPE "CreditGrantKind" AS ENUM ('PAID', 'PROMOTIONAL');
CREATE TYPE "CreditMovement" AS ENUM ('GRANTED', 'APPLIED', 'RESTORED', 'EXPIRED', 'REVOKED');

CREATE TABLE credit_grants (
  tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                 uuid NOT NULL,
  kind               "CreditGrantKind" NOT NULL,
  currency           char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- Integer minor units of currency.
  amount_minor       bigint NOT NULL CHECK (amount_minor > 0),
  -- What is left to spend: amount_minor plus the sum of the grant's ledger movements.
  remaining_minor    bigint NOT NULL,
  reason             text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
  -- Null: never expires (and is spent last).
  expires_at         timestamptz(3),
  granted_by_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  -- The staff role the grant was made with: only finance and platform admins grant credits.
  granted_by_role    "StaffRole" NOT NULL CHECK (granted_by_role IN ('FINANCE', 'PLATFORM_ADMIN')),
  -- The client's key: a retried grant is recorded once.
  idempotency_key    text NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
  created_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- Set by the expiry job (or a void restoring to an expired grant) when it takes the rest.
  expired_at         timestamptz(3),
  revoked_at         timestamptz(3),
  revoked_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  revoke_reason      text CHECK (char_length(revoke_reason) BETWEEN 1 AND 500),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT credit_grants_remaining_within_amount CHECK (remaining_minor >= 0 AND remaining_minor <= amount_minor),
  CONSTRAINT credit_grants_expired_is_spent CHECK (expired_at IS NULL OR (expires_at IS NOT NULL AND remaining_minor = 0)),
  CONSTRAINT credit_grants_revoked_fields CHECK (
    (revoked_at IS NULL) = (revoke_reason IS NULL) AND (revoked_at IS NULL) = (revoked_by_user_id IS NULL)
    AND (revoked_at IS NULL OR remaining_minor = 0))
);
CREATE UNIQUE INDEX credit_grants_tenant_id_idempotency_key_key ON credit_grants (tenant_id, idempotency_key);
CREATE INDEX credit_grants_tenant_id_created_at_id_idx ON credit_grants (tenant_id, created_at, id);
-- Finalization locks the spendable grants of one tenant and currency.
CREATE INDEX credit_grants_tenant_id_currency_idx ON credit_grants (tenant_id, currency);
-- The expiry job looks for grants past their expiry with something left.
CREATE INDEX credit_grants_expiring_idx ON credit_grants (expires_at) WHERE remaining_minor > 0 AND expires_at IS NOT NULL;

-- Every movement of every grant, signed: GRANTED and RESTORED add, APPLIED, EXPIRED and REVOKED take.
-- APPLIED and RESTORED name the invoice, so what an invoice consumed is the sum of its movements.
CREATE TABLE credit_ledger_entries (
  tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                  uuid NOT NULL,
  -- Insertion order, for reading the ledger newest first.
  seq                 bigserial NOT NULL,
  grant_id            uuid NOT NULL,
  kind                "CreditMovement" NOT NULL,
  currency            char(3) NOT NULL,
  amount_minor        bigint NOT NULL,
  -- The grant's remaining balance once this movement is made.
  balance_after_minor bigint NOT NULL CHECK (balance_after_minor >= 0),
  invoice_id          uuid,
  -- Null when a job made the movement.
  actor_user_id       uuid REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  occurred_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, grant_id) REFERENCES credit_grants (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT credit_ledger_entries_signed_by_kind CHECK (
    CASE kind
      WHEN 'GRANTED' THEN amount_minor > 0 AND invoice_id IS NULL
      WHEN 'APPLIED' THEN amount_minor < 0 AND invoice_id IS NOT NULL
      WHEN 'RESTORED' THEN amount_minor > 0 AND invoice_id IS NOT NULL
      WHEN 'EXPIRED' THEN amount_minor < 0 AND invoice_id IS NULL
      WHEN 'REVOKED' THEN amount_minor < 0 AND invoice_id IS NULL
      ELSE false
    END)
);
CREATE INDEX credit_ledger_entries_tenant_id_seq_idx ON credit_ledger_entries (tenant_id, seq);
CREATE INDEX credit_ledger_entries_tenant_id_grant_id_idx ON credit_ledger_entries (tenant_id, grant_id);
CREATE INDEX credit_ledger_entries_tenant_id_invoice_id_idx ON credit_ledger_entries (tenant_id, invoice_id);

-- The ledger is history: nobody, the owner included, changes or removes a movement.
CREATE FUNCTION app_credit_ledger_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'credit_ledger_entries is append-only'; END $$;
CREATE TRIGGER credit_ledger_entries_append_only
  BEFORE UPDATE OR DELETE ON credit_ledger_entries
  FOR EACH ROW EXECUTE FUNCTION app_credit_ledger_forbid_change();

-- A grant's terms never change and a grant is never deleted; only its balance moves (with a ledger
-- row), and it may be marked expired or revoked.
CREATE FUNCTION app_credit_grants_terms_immutable() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'credit grant % cannot be deleted: revoke it instead', OLD.id;
  END IF;
  IF (NEW.tenant_id, NEW.id, NEW.kind, NEW.currency, NEW.amount_minor, NEW.reason, NEW.expires_at,
      NEW.granted_by_user_id, NEW.granted_by_role, NEW.idempotency_key, NEW.created_at)
     IS DISTINCT FROM
     (OLD.tenant_id, OLD.id, OLD.kind, OLD.currency, OLD.amount_minor, OLD.reason, OLD.expires_at,
      OLD.granted_by_user_id, OLD.granted_by_role, OLD.idempotency_key, OLD.created_at) THEN
    RAISE EXCEPTION 'credit grant %: its terms are immutable', OLD.id;
  END IF;
  IF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'credit grant % is revoked: it cannot change any more', OLD.id;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER credit_grants_terms_immutable
  BEFORE UPDATE OR DELETE ON credit_grants
  FOR EACH ROW EXECUTE FUNCTION app_credit_grants_terms_immutable();

-- Invoices: what prepaid credits paid at finalization. The amount due is total − credits applied −
-- payments − credit notes; payments are recorded against it, and an invoice credits cover in full is
-- PAID when it is issued.
ALTER TABLE invoices
  ADD COLUMN credits_applied_minor bigint NOT NULL DEFAULT 0,
  DROP CONSTRAINT invoices_paid_within_total,
  DROP CONSTRAINT invoices_status_fields,
  ADD CONSTRAINT invoices_paid_within_total CHECK (
    amount_paid_minor >= 0 AND amount_paid_minor <= total_minor
    AND amount_credited_minor >= 0 AND amount_credited_minor <= total_minor
    AND credits_applied_minor >= 0 AND credits_applied_minor + amount_paid_minor <= total_minor),
  ADD CONSTRAINT invoices_status_fields CHECK (
    CASE status
      WHEN 'DRAFT' THEN number IS NULL AND paid_at IS NULL AND voided_at IS NULL AND amount_paid_minor = 0
        AND amount_credited_minor = 0 AND credits_applied_minor = 0
      WHEN 'OPEN' THEN number IS NOT NULL AND paid_at IS NULL AND voided_at IS NULL
        AND credits_applied_minor + amount_paid_minor + amount_credited_minor < total_minor
      WHEN 'PAID' THEN number IS NOT NULL AND paid_at IS NOT NULL AND voided_at IS NULL
        AND credits_applied_minor + amount_paid_minor + amount_credited_minor >= total_minor
      -- A void invoice keeps what credits paid at its finalization, for the record; the ledger gave it back.
      WHEN 'VOID' THEN voided_at IS NOT NULL AND paid_at IS NULL AND amount_paid_minor = 0 AND amount_credited_minor = 0
      ELSE false
    END);

-- As before, plus: credits applied never change once issued, and an invoice that credits alone paid
-- (no payment, no credit note) may still be voided, which gives the credits back.
CREATE OR REPLACE FUNCTION app_invoice_immutable_once_issued() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  paid_by_credits_only boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'DRAFT' THEN
      RAISE EXCEPTION 'invoice % is %: only a draft can be deleted', OLD.id, OLD.status;
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'DRAFT' THEN
    RETURN NEW;
  END IF;
  paid_by_credits_only := OLD.status = 'PAID' AND NEW.status = 'VOID' AND OLD.credits_applied_minor > 0
    AND OLD.amount_paid_minor = 0 AND OLD.amount_credited_minor = 0;
  IF OLD.status = 'VOID'
     OR (OLD.status = 'PAID' AND NOT paid_by_credits_only
         AND to_jsonb(NEW) - 'amount_credited_minor' - 'stripe_invoice_id'
             IS DISTINCT FROM to_jsonb(OLD) - 'amount_credited_minor' - 'stripe_invoice_id') THEN
    RAISE EXCEPTION 'invoice % is %: it cannot change any more (a credit note is the only correction)', OLD.id, OLD.status;
  END IF;
  IF (NEW.tenant_id, NEW.id, NEW.subscription_id, NEW.plan_version_id, NEW.period_start, NEW.period_end,
      NEW.currency, NEW.number, NEW.subtotal_minor, NEW.tax_minor, NEW.total_minor, NEW.tax_rate_percent,
      NEW.issued_at, NEW.due_at, NEW.created_at, NEW.credits_applied_minor)
     IS DISTINCT FROM
     (OLD.tenant_id, OLD.id, OLD.subscription_id, OLD.plan_version_id, OLD.period_start, OLD.period_end,
      OLD.currency, OLD.number, OLD.subtotal_minor, OLD.tax_minor, OLD.total_minor, OLD.tax_rate_percent,
      OLD.issued_at, OLD.due_at, OLD.created_at, OLD.credits_applied_minor) THEN
    RAISE EXCEPTION 'invoice % is issued: its number, amounts and terms are immutable', OLD.id;
  END IF;
  IF NEW.amount_paid_minor < OLD.amount_paid_minor THEN
    RAISE EXCEPTION 'invoice %: a recorded payment cannot be taken back', OLD.id;
  END IF;
  IF NEW.amount_credited_minor < OLD.amount_credited_minor THEN
    RAISE EXCEPTION 'invoice %: an issued credit note cannot be taken back', OLD.id;
  END IF;
  IF NEW.status NOT IN ('OPEN', 'PAID', 'VOID') THEN
    RAISE EXCEPTION 'invoice % cannot go from OPEN back to %', OLD.id, NEW.status;
  END IF;
  RETURN NEW;
END
$$;

-- Row-level security on the new tenant-owned tables.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['credit_grants', 'credit_ledger_entries']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- Tenants read their own grants and ledger; they write neither (grants are staff work, movements
-- are made by finalization, voiding and the expiry job).
GRANT SELECT ON credit_grants, credit_ledger_entries TO warbler_app;
-- Finance, platform admins and jobs across tenants: a grant's balance, expiry and revocation move;
-- ledger rows are only ever added.
GRANT SELECT, INSERT ON credit_grants, credit_ledger_entries TO warbler_platform;
GRANT UPDATE (remaining_minor, expired_at, revoked_at, revoked_by_user_id, revoke_reason) ON credit_grants TO warbler_platform;
GRANT USAGE ON SEQUENCE credit_ledger_entries_seq_seq TO warbler_platform;
GRANT UPDATE (credits_applied_minor) ON invoices TO warbler_platform;
