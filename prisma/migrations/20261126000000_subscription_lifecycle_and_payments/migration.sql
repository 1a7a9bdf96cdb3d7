-- The rest of billing's storage: the subscription lifecycle (seat quantity, plan changes now or at
-- period end, cancellation, the change history that proration is computed from), dunning (past
-- due, suspension), credit notes with their own gapless numbers, and the Stripe provider's
-- outbox, webhook events and mirrored ids.

-- Subscriptions -------------------------------------------------------------------------------

-- seat_quantity: the seats the tenant pays for, and the number of seats it may assign. Existing
-- subscriptions keep every seat already assigned, and at least the plan's included seats.
ALTER TABLE subscriptions
  ADD COLUMN seat_quantity integer,
  -- The instant periods are counted from. Keeping it lets a period that was cut short by the
  -- calendar (a 31st, a 29 February) go back to the anchor's day in later periods.
  ADD COLUMN billing_anchor_at timestamptz(3),
  -- A change of plan version that takes effect when the current period ends (a downgrade at
  -- period end, a bulk move, or the default plan when cancel_at_period_end is set).
  ADD COLUMN scheduled_plan_version_id uuid REFERENCES plan_versions (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  ADD COLUMN cancel_at_period_end boolean NOT NULL DEFAULT false,
  ADD COLUMN cancel_requested_at timestamptz(3),
  -- Set when an invoice's payment failed or it went past its due date unpaid; cleared once every
  -- issued invoice is settled. The grace period runs from here.
  ADD COLUMN past_due_since timestamptz(3),
  ADD COLUMN stripe_subscription_id text,
  -- The Stripe subscription item of each part: {"base": "si_...", "seats": "si_...", "<metric code>": "si_..."}.
  ADD COLUMN stripe_item_ids jsonb NOT NULL DEFAULT '{}';

UPDATE subscriptions s
SET seat_quantity = GREATEST(
      pv.included_seats,
      (SELECT count(*) FROM memberships m WHERE m.tenant_id = s.tenant_id AND m.seat_assigned AND m.status = 'ACTIVE')),
    billing_anchor_at = s.current_period_start
FROM plan_versions pv
WHERE pv.id = s.plan_version_id;

ALTER TABLE subscriptions
  ALTER COLUMN seat_quantity SET NOT NULL,
  ALTER COLUMN billing_anchor_at SET NOT NULL,
  ADD CONSTRAINT subscriptions_seat_quantity_non_negative CHECK (seat_quantity >= 0),
  ADD CONSTRAINT subscriptions_cancel_requested CHECK (cancel_at_period_end = (cancel_requested_at IS NOT NULL)),
  -- Cancelling at period end is itself a scheduled change (to the default plan).
  ADD CONSTRAINT subscriptions_cancel_is_scheduled CHECK (NOT cancel_at_period_end OR scheduled_plan_version_id IS NOT NULL);
CREATE UNIQUE INDEX subscriptions_stripe_subscription_id_key ON subscriptions (stripe_subscription_id);
CREATE INDEX subscriptions_scheduled_plan_version_id_idx ON subscriptions (scheduled_plan_version_id);
-- The dunning job looks for subscriptions whose grace period has run out.
CREATE INDEX subscriptions_past_due_since_idx ON subscriptions (past_due_since) WHERE past_due_since IS NOT NULL;

CREATE TYPE "SubscriptionChangeKind" AS ENUM (
  'PLAN_CHANGED',        -- upgrade or downgrade taking effect at effective_at
  'SEATS_CHANGED',       -- seat quantity changed at effective_at
  'CANCELED',            -- cancelled immediately: moved to the default plan at effective_at
  'SCHEDULED_APPLIED',   -- a scheduled plan version (or cancellation) took effect at a period boundary
  'TRIAL_STARTED'        -- moved onto a version with trial days, trial_ends_at set
);

-- Every effective change of a subscription's terms, in order. Proration on a period's invoice is
-- computed from the changes whose effective_at falls inside that period: each one credits the
-- unused time of its "from" terms and charges the rest on its "to" terms. Append-only.
CREATE TABLE subscription_changes (
  tenant_id            uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                   uuid NOT NULL,
  subscription_id      uuid NOT NULL,
  kind                 "SubscriptionChangeKind" NOT NULL,
  effective_at         timestamptz(3) NOT NULL,
  -- The billing period the change falls in (its invoice is drafted when this period closes).
  period_start         timestamptz(3) NOT NULL,
  period_end           timestamptz(3) NOT NULL,
  from_plan_version_id uuid NOT NULL REFERENCES plan_versions (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  to_plan_version_id   uuid NOT NULL REFERENCES plan_versions (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  from_seat_quantity   integer NOT NULL CHECK (from_seat_quantity >= 0),
  to_seat_quantity     integer NOT NULL CHECK (to_seat_quantity >= 0),
  -- Null when a job made the change (scheduled changes, bulk moves applied at period end).
  requested_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  -- The same logical change retried (a double click, a client retry) is recorded once.
  idempotency_key      text,
  created_at           timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, subscription_id) REFERENCES subscriptions (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT subscription_changes_period_order CHECK (period_end > period_start),
  CONSTRAINT subscription_changes_inside_period CHECK (effective_at >= period_start AND effective_at <= period_end)
);
CREATE INDEX subscription_changes_tenant_id_subscription_id_period_start_idx
  ON subscription_changes (tenant_id, subscription_id, period_start, effective_at, id);
CREATE UNIQUE INDEX subscription_changes_tenant_id_idempotency_key_key
  ON subscription_changes (tenant_id, idempotency_key);

CREATE FUNCTION app_subscription_changes_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'subscription_changes is append-only'; END $$;
CREATE TRIGGER subscription_changes_append_only
  BEFORE UPDATE OR DELETE ON subscription_changes
  FOR EACH ROW EXECUTE FUNCTION app_subscription_changes_forbid_change();

-- Tenants: suspension and the Stripe customer --------------------------------------------------

ALTER TABLE tenants
  ADD COLUMN suspended_at timestamptz(3),
  -- 'PAYMENT_OVERDUE' when dunning suspended the tenant (payment lifts it); otherwise a staff reason.
  ADD COLUMN suspension_reason text,
  ADD COLUMN stripe_customer_id text,
  -- What the console shows of the default payment method: {"brand": "visa", "last4": "4242", "expMonth": 12, "expYear": 2030}.
  ADD COLUMN payment_method_summary jsonb,
  ADD CONSTRAINT tenants_suspension_fields CHECK ((status = 'SUSPENDED') = (suspended_at IS NOT NULL) AND (suspended_at IS NULL) = (suspension_reason IS NULL));
CREATE UNIQUE INDEX tenants_stripe_customer_id_key ON tenants (stripe_customer_id);

-- Credit notes --------------------------------------------------------------------------------

-- How much of an issued invoice credit notes have taken back. On an OPEN invoice a credit note
-- lowers what is due (a credit that settles the rest makes it PAID); on a PAID one it records
-- money returned (settlement 'refund').
ALTER TABLE invoices
  ADD COLUMN amount_credited_minor bigint NOT NULL DEFAULT 0,
  ADD COLUMN stripe_invoice_id text,
  DROP CONSTRAINT invoices_paid_within_total,
  DROP CONSTRAINT invoices_status_fields,
  ADD CONSTRAINT invoices_paid_within_total CHECK (
    amount_paid_minor >= 0 AND amount_paid_minor <= total_minor
    AND amount_credited_minor >= 0 AND amount_credited_minor <= total_minor),
  ADD CONSTRAINT invoices_status_fields CHECK (
    CASE status
      WHEN 'DRAFT' THEN number IS NULL AND paid_at IS NULL AND voided_at IS NULL AND amount_paid_minor = 0 AND amount_credited_minor = 0
      WHEN 'OPEN' THEN number IS NOT NULL AND paid_at IS NULL AND voided_at IS NULL AND amount_paid_minor + amount_credited_minor < total_minor
      WHEN 'PAID' THEN number IS NOT NULL AND paid_at IS NOT NULL AND voided_at IS NULL AND amount_paid_minor + amount_credited_minor >= total_minor
      WHEN 'VOID' THEN voided_at IS NOT NULL AND paid_at IS NULL AND amount_paid_minor = 0 AND amount_credited_minor = 0
      ELSE false
    END);
CREATE UNIQUE INDEX invoices_stripe_invoice_id_key ON invoices (stripe_invoice_id);
-- Dunning looks for issued invoices past their due date.
CREATE INDEX invoices_open_due_at_idx ON invoices (due_at) WHERE status = 'OPEN';

-- A PAID invoice may still be credited (a refund) and mirrored to Stripe; nothing else of it changes.
CREATE OR REPLACE FUNCTION app_invoice_immutable_once_issued() RETURNS trigger
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
  IF OLD.status = 'VOID'
     OR (OLD.status = 'PAID'
         AND to_jsonb(NEW) - 'amount_credited_minor' - 'stripe_invoice_id'
             IS DISTINCT FROM to_jsonb(OLD) - 'amount_credited_minor' - 'stripe_invoice_id') THEN
    RAISE EXCEPTION 'invoice % is %: it cannot change any more (a credit note is the only correction)', OLD.id, OLD.status;
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

CREATE TYPE "CreditNoteReason" AS ENUM ('DUPLICATE', 'FRAUDULENT', 'ORDER_CHANGE', 'PRODUCT_UNSATISFACTORY', 'BILLING_ERROR', 'OTHER');

-- A correction of an issued invoice, numbered CN-<year>-<sequence> without gaps. Immutable.
CREATE TABLE credit_notes (
  tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                 uuid NOT NULL,
  invoice_id         uuid NOT NULL,
  number             text NOT NULL,
  currency           char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  reason             "CreditNoteReason" NOT NULL,
  memo               text,
  -- 'amount_due': lowered what an OPEN invoice still asked for; 'refund': money paid is returned
  -- outside Warbler (local provider) or through Stripe.
  settlement         text NOT NULL CHECK (settlement IN ('amount_due', 'refund')),
  subtotal_minor     bigint NOT NULL CHECK (subtotal_minor > 0),
  -- The invoice's tax rate applied to the credited subtotal, rounded once, half-even.
  tax_minor          bigint NOT NULL CHECK (tax_minor >= 0),
  total_minor        bigint NOT NULL,
  issued_by_user_id  uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  issued_at          timestamptz(3) NOT NULL,
  stripe_credit_note_id text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT credit_notes_number_format CHECK (number ~ '^CN-[0-9]{4}-[0-9]{6,}$'),
  CONSTRAINT credit_notes_totals_add_up CHECK (total_minor = subtotal_minor + tax_minor)
);
CREATE UNIQUE INDEX credit_notes_number_key ON credit_notes (number);
CREATE UNIQUE INDEX credit_notes_stripe_credit_note_id_key ON credit_notes (stripe_credit_note_id);
CREATE INDEX credit_notes_tenant_id_invoice_id_idx ON credit_notes (tenant_id, invoice_id);
CREATE INDEX credit_notes_id_idx ON credit_notes (id);

-- What a credit note takes back, line by line: a part of an invoice line, or a free-standing amount.
CREATE TABLE credit_note_lines (
  tenant_id       uuid NOT NULL,
  id              uuid NOT NULL,
  credit_note_id  uuid NOT NULL,
  position        integer NOT NULL CHECK (position > 0),
  invoice_line_id uuid,
  description     text NOT NULL,
  amount_minor    bigint NOT NULL CHECK (amount_minor > 0),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, credit_note_id) REFERENCES credit_notes (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, invoice_line_id) REFERENCES invoice_lines (tenant_id, id) ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX credit_note_lines_tenant_id_credit_note_id_position_key ON credit_note_lines (tenant_id, credit_note_id, position);

CREATE FUNCTION app_credit_notes_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION '% is append-only: an issued credit note never changes', TG_TABLE_NAME; END $$;
CREATE TRIGGER credit_notes_append_only
  BEFORE UPDATE OR DELETE ON credit_notes
  FOR EACH ROW EXECUTE FUNCTION app_credit_notes_forbid_change();
CREATE TRIGGER credit_note_lines_append_only
  BEFORE UPDATE OR DELETE ON credit_note_lines
  FOR EACH ROW EXECUTE FUNCTION app_credit_notes_forbid_change();

-- Credit notes have their own gapless yearly sequence, kept exactly like the invoices' one.
CREATE TABLE credit_note_number_sequences (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
  next_value bigint NOT NULL CHECK (next_value > 0)
);

CREATE FUNCTION app_take_credit_note_number(OUT issued_at timestamptz, OUT issue_year integer, OUT sequence_value bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('warbler:credit-note-numbers'));
  issued_at := date_trunc('milliseconds', clock_timestamp());
  issue_year := extract(year FROM issued_at AT TIME ZONE 'UTC')::integer;
  INSERT INTO credit_note_number_sequences AS s (year, next_value) VALUES (issue_year, 2)
    ON CONFLICT (year) DO UPDATE SET next_value = s.next_value + 1
    RETURNING s.next_value - 1 INTO sequence_value;
END
$$;
REVOKE ALL ON FUNCTION app_take_credit_note_number() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_take_credit_note_number() TO warbler_platform;

-- Payment provider: outbox and webhook events ---------------------------------------------------

-- Calls to the payment provider, written in the transaction of the change that needs them and sent
-- afterwards by a job with the row's idempotency key, retried with backoff until done.
CREATE TABLE provider_outbox (
  tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id              uuid NOT NULL,
  -- What to do, e.g. 'customer.ensure', 'subscription.sync', 'meter_events.report', 'invoice.mirror'.
  kind            text NOT NULL,
  payload         jsonb NOT NULL DEFAULT '{}',
  idempotency_key text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_error      text,
  sent_at         timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX provider_outbox_idempotency_key_key ON provider_outbox (idempotency_key);
CREATE INDEX provider_outbox_pending_idx ON provider_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Each Stripe event once, by its id; reconciliation reads the object, so order does not matter.
-- Not tenant-owned: an event is matched to a tenant only while it is processed.
CREATE TABLE stripe_webhook_events (
  id           text PRIMARY KEY,
  type         text NOT NULL,
  -- Stripe's "created" of the event.
  created_at   timestamptz(3) NOT NULL,
  payload      jsonb NOT NULL,
  tenant_id    uuid REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  received_at  timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  processed_at timestamptz(3),
  error        text
);
CREATE INDEX stripe_webhook_events_unprocessed_idx ON stripe_webhook_events (received_at) WHERE processed_at IS NULL;

-- Row-level security on the new tenant-owned tables.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subscription_changes', 'credit_notes', 'credit_note_lines', 'provider_outbox']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- Tenant admins change their own subscription (and queue its provider calls) under RLS.
GRANT SELECT, INSERT ON subscription_changes, provider_outbox TO warbler_app;
GRANT SELECT ON credit_notes, credit_note_lines TO warbler_app;
-- Jobs, bulk moves, finance and webhooks work across tenants.
GRANT SELECT, INSERT ON subscription_changes, credit_notes, credit_note_lines TO warbler_platform;
GRANT SELECT, INSERT, UPDATE ON provider_outbox, stripe_webhook_events TO warbler_platform;
GRANT UPDATE (amount_credited_minor, stripe_invoice_id) ON invoices TO warbler_platform;
