-- Invoices: drafted when a subscription's billing period ends (in the transaction that rolls the
-- subscription forward), finalized with a number that is gapless per calendar year, then paid
-- (payments recorded by finance, the local provider) or voided. An issued invoice never changes
-- its number, amounts or lines: a trigger refuses it even to the table's owner.
--
-- Drafting, finalizing, voiding and recording payments are operator work across tenants, done
-- as warbler_platform; the API role only reads a tenant's own invoices under row-level security.

-- Optional tax per tenant, in percent (20 = 20 %); none means no tax line.
ALTER TABLE tenants ADD COLUMN tax_rate_percent numeric(7, 4)
  CONSTRAINT tenants_tax_rate_percent_range CHECK (tax_rate_percent >= 0 AND tax_rate_percent <= 100);

CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'OPEN', 'PAID', 'VOID');
CREATE TYPE "InvoiceLineKind" AS ENUM ('BASE_FEE', 'SEATS', 'USAGE', 'PRORATION_CREDIT', 'PRORATION_CHARGE');

CREATE TABLE invoices (
  tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                uuid NOT NULL,
  subscription_id   uuid NOT NULL,
  plan_version_id   uuid NOT NULL REFERENCES plan_versions (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  period_start      timestamptz(3) NOT NULL,
  period_end        timestamptz(3) NOT NULL,
  currency          char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status            "InvoiceStatus" NOT NULL DEFAULT 'DRAFT',
  -- WB-<year of issue>-<sequence, at least 6 digits>; taken from invoice_number_sequences on finalize.
  number            text,
  subtotal_minor    bigint NOT NULL,
  tax_minor         bigint NOT NULL,
  total_minor       bigint NOT NULL,
  -- The tenant's rate when the invoice was drafted, kept so the tax line can be explained later.
  tax_rate_percent  numeric(7, 4),
  amount_paid_minor bigint NOT NULL DEFAULT 0,
  issued_at         timestamptz(3),
  due_at            timestamptz(3),
  paid_at           timestamptz(3),
  voided_at         timestamptz(3),
  void_reason       text,
  created_at        timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, subscription_id) REFERENCES subscriptions (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT invoices_period_order CHECK (period_end > period_start),
  -- A negative total needs a credit note, never a negative invoice.
  CONSTRAINT invoices_totals_add_up CHECK (tax_minor >= 0 AND total_minor >= 0 AND total_minor = subtotal_minor + tax_minor),
  CONSTRAINT invoices_paid_within_total CHECK (amount_paid_minor >= 0 AND amount_paid_minor <= total_minor),
  CONSTRAINT invoices_number_format CHECK (number ~ '^WB-[0-9]{4}-[0-9]{6,}$'),
  CONSTRAINT invoices_issued_together CHECK ((number IS NULL) = (issued_at IS NULL) AND (issued_at IS NULL) = (due_at IS NULL)),
  CONSTRAINT invoices_void_has_reason CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
  CONSTRAINT invoices_status_fields CHECK (
    CASE status
      WHEN 'DRAFT' THEN number IS NULL AND paid_at IS NULL AND voided_at IS NULL AND amount_paid_minor = 0
      WHEN 'OPEN' THEN number IS NOT NULL AND paid_at IS NULL AND voided_at IS NULL AND amount_paid_minor < total_minor
      WHEN 'PAID' THEN number IS NOT NULL AND paid_at IS NOT NULL AND voided_at IS NULL AND amount_paid_minor = total_minor
      WHEN 'VOID' THEN voided_at IS NOT NULL AND paid_at IS NULL AND amount_paid_minor = 0
      ELSE false
    END)
);
-- Closing a period twice, from however many instances, leaves one invoice.
CREATE UNIQUE INDEX invoices_tenant_id_subscription_id_period_start_key ON invoices (tenant_id, subscription_id, period_start);
-- Numbers are unique across tenants: one sequence per year serves them all.
CREATE UNIQUE INDEX invoices_number_key ON invoices (number);
-- Finance acts on an invoice by its id alone, across tenants.
CREATE INDEX invoices_id_idx ON invoices (id);
CREATE INDEX invoices_tenant_id_period_start_id_idx ON invoices (tenant_id, period_start, id);
CREATE INDEX invoices_status_period_start_id_idx ON invoices (status, period_start, id);
CREATE INDEX invoices_period_start_id_idx ON invoices (period_start, id);

CREATE TABLE invoice_lines (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL,
  invoice_id   uuid NOT NULL,
  position     integer NOT NULL CHECK (position > 0),
  kind         "InvoiceLineKind" NOT NULL,
  description  text NOT NULL,
  metric_id    uuid REFERENCES billable_metrics (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  tier_index   integer CHECK (tier_index >= 0),
  quantity     decimal(30, 12) NOT NULL,
  -- Major units of the invoice's currency.
  unit_price   decimal(30, 12) NOT NULL,
  -- Rounded once, half-even, to the currency's minor unit.
  amount_minor bigint NOT NULL,
  period_start timestamptz(3) NOT NULL,
  period_end   timestamptz(3) NOT NULL,
  -- The inputs the line was computed from (terms, usage total, quota, seats), for the explain view.
  explain      jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT invoice_lines_usage_names_metric CHECK ((kind = 'USAGE') = (metric_id IS NOT NULL)),
  CONSTRAINT invoice_lines_only_credits_negative CHECK (amount_minor >= 0 OR kind = 'PRORATION_CREDIT')
);
CREATE UNIQUE INDEX invoice_lines_tenant_id_invoice_id_position_key ON invoice_lines (tenant_id, invoice_id, position);

-- Payments recorded by finance (the local provider). Append-only: a correction is a new record.
CREATE TABLE invoice_payments (
  tenant_id           uuid NOT NULL,
  id                  uuid NOT NULL,
  invoice_id          uuid NOT NULL,
  amount_minor        bigint NOT NULL CHECK (amount_minor > 0),
  method              text NOT NULL CHECK (method IN ('bank_transfer', 'card', 'other')),
  reference           text,
  recorded_by_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  recorded_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX invoice_payments_tenant_id_invoice_id_idx ON invoice_payments (tenant_id, invoice_id);

-- The next number of each calendar year (UTC) of issue. Not tenant-owned: one sequence numbers
-- every tenant's invoices. A PostgreSQL SEQUENCE would leave gaps (nextval survives a rollback);
-- this row is updated inside the transaction that finalizes, so a rollback gives the number back.
CREATE TABLE invoice_number_sequences (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
  next_value bigint NOT NULL CHECK (next_value > 0)
);

-- Takes the next invoice number and the instant of issue. The advisory lock serialises every
-- finalization, whatever its year, before the clock is read: issue times then follow the numbers,
-- even across midnight on New Year's Eve. The row update holds its lock until commit, and a
-- rollback undoes it, so numbers have no gaps. Runs as the owner: no role may touch the table.
CREATE FUNCTION app_take_invoice_number(OUT issued_at timestamptz, OUT issue_year integer, OUT sequence_value bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('warbler:invoice-numbers'));
  issued_at := date_trunc('milliseconds', clock_timestamp());
  issue_year := extract(year FROM issued_at AT TIME ZONE 'UTC')::integer;
  INSERT INTO invoice_number_sequences AS s (year, next_value) VALUES (issue_year, 2)
    ON CONFLICT (year) DO UPDATE SET next_value = s.next_value + 1
    RETURNING s.next_value - 1 INTO sequence_value;
END
$$;
REVOKE ALL ON FUNCTION app_take_invoice_number() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_take_invoice_number() TO warbler_platform;

-- Once issued, an invoice keeps its number, amounts and terms; it may only be paid (in parts) or
-- voided, and a paid or void invoice is final. Drafts may change; only drafts may be deleted.
CREATE FUNCTION app_invoice_immutable_once_issued() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
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
  IF OLD.status IN ('PAID', 'VOID') THEN
    RAISE EXCEPTION 'invoice % is %: it cannot change any more', OLD.id, OLD.status;
  END IF;
  IF (NEW.tenant_id, NEW.id, NEW.subscription_id, NEW.plan_version_id, NEW.period_start, NEW.period_end,
      NEW.currency, NEW.number, NEW.subtotal_minor, NEW.tax_minor, NEW.total_minor, NEW.tax_rate_percent,
      NEW.issued_at, NEW.due_at, NEW.created_at)
     IS DISTINCT FROM
     (OLD.tenant_id, OLD.id, OLD.subscription_id, OLD.plan_version_id, OLD.period_start, OLD.period_end,
      OLD.currency, OLD.number, OLD.subtotal_minor, OLD.tax_minor, OLD.total_minor, OLD.tax_rate_percent,
      OLD.issued_at, OLD.due_at, OLD.created_at) THEN
    RAISE EXCEPTION 'invoice % is issued: its number, amounts and terms are immutable', OLD.id;
  END IF;
  IF NEW.status NOT IN ('OPEN', 'PAID', 'VOID') THEN
    RAISE EXCEPTION 'invoice % cannot go from OPEN back to %', OLD.id, NEW.status;
  END IF;
  IF NEW.amount_paid_minor < OLD.amount_paid_minor THEN
    RAISE EXCEPTION 'invoice %: a recorded payment cannot be taken back', OLD.id;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER invoices_immutable_once_issued
  BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION app_invoice_immutable_once_issued();

-- Lines belong to a draft: once the invoice is issued none may be added, changed or removed.
-- FOR SHARE makes a concurrent finalization wait for this statement's transaction.
CREATE FUNCTION app_invoice_lines_of_drafts_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  invoice_status "InvoiceStatus";
BEGIN
  FOR invoice_status IN
    SELECT i.status FROM invoices i
    WHERE (TG_OP <> 'INSERT' AND i.tenant_id = OLD.tenant_id AND i.id = OLD.invoice_id)
       OR (TG_OP <> 'DELETE' AND i.tenant_id = NEW.tenant_id AND i.id = NEW.invoice_id)
    FOR SHARE
  LOOP
    IF invoice_status <> 'DRAFT' THEN
      RAISE EXCEPTION 'invoice lines change only on a draft; this invoice is %', invoice_status;
    END IF;
  END LOOP;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER invoice_lines_of_drafts_only
  BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION app_invoice_lines_of_drafts_only();

CREATE FUNCTION app_invoice_payments_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'invoice_payments is append-only'; END $$;
CREATE TRIGGER invoice_payments_append_only
  BEFORE UPDATE OR DELETE ON invoice_payments
  FOR EACH ROW EXECUTE FUNCTION app_invoice_payments_forbid_change();

-- Row-level security on every tenant-owned table.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['invoices', 'invoice_lines', 'invoice_payments']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- The API role reads a tenant's own invoices; it writes none.
GRANT SELECT ON invoices, invoice_lines, invoice_payments TO warbler_app;
-- The platform role drafts, finalizes, voids and records payments; lines and payments are never
-- updated, and an invoice only changes the columns of its status transitions.
GRANT SELECT, INSERT ON invoices, invoice_lines, invoice_payments TO warbler_platform;
GRANT UPDATE (status, number, issued_at, due_at, amount_paid_minor, paid_at, voided_at, void_reason) ON invoices TO warbler_platform;
