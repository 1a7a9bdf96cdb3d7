-- Discounts: the platform's coupons, their redemptions by tenants, and the DISCOUNT invoice line.
-- See docs/discounts.md.

-- A coupon's line on an invoice: negative (or 0 when nothing was left to discount).
ALTER TYPE "InvoiceLineKind" ADD VALUE 'DISCOUNT';
-- The new value cannot be used before this transaction commits, so the check compares the kind as text.
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_only_credits_negative;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_only_credits_negative
  CHECK (amount_minor >= 0 OR kind::text IN ('PRORATION_CREDIT', 'DISCOUNT'));
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_discounts_not_positive
  CHECK (kind::text <> 'DISCOUNT' OR amount_minor <= 0);

CREATE TYPE "CouponKind" AS ENUM ('PERCENTAGE', 'FIXED_AMOUNT');
CREATE TYPE "CouponDuration" AS ENUM ('ONCE', 'REPEATING', 'FOREVER');

-- The platform's coupons: not tenant-owned (any tenant may redeem one), created and archived by
-- finance and platform admins (platform_audit_events records each).
CREATE TABLE coupons (
  id                 uuid PRIMARY KEY,
  -- Stored upper case; a code is typed in any case, so it is unique case-insensitively.
  code               text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{2,39}$'),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind               "CouponKind" NOT NULL,
  percent_off        numeric(7, 4),
  amount_off_minor   bigint,
  currency           char(3),
  duration           "CouponDuration" NOT NULL,
  -- REPEATING only: how many period invoices the discount applies to.
  duration_periods   integer,
  -- Redemptions across all tenants; null: no limit. A removed redemption still counts.
  max_redemptions    integer CHECK (max_redemptions > 0),
  times_redeemed     integer NOT NULL DEFAULT 0 CHECK (times_redeemed >= 0),
  -- No redemption at or after this instant.
  redeem_by          timestamptz(3),
  archived_at        timestamptz(3),
  created_by_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  created_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT coupons_amount_by_kind CHECK (CASE kind
    WHEN 'PERCENTAGE' THEN percent_off > 0 AND percent_off <= 100 AND amount_off_minor IS NULL AND currency IS NULL
    WHEN 'FIXED_AMOUNT' THEN percent_off IS NULL AND amount_off_minor > 0 AND currency ~ '^[A-Z]{3}$'
  END),
  CONSTRAINT coupons_periods_by_duration CHECK (
    (duration = 'REPEATING') = (duration_periods IS NOT NULL) AND (duration_periods IS NULL OR duration_periods BETWEEN 1 AND 120)
  ),
  -- The backstop of the redemption limit: a redemption past it cannot commit, however it races.
  CONSTRAINT coupons_within_limit CHECK (max_redemptions IS NULL OR times_redeemed <= max_redemptions)
);
CREATE UNIQUE INDEX coupons_code_key ON coupons (code);
CREATE INDEX coupons_created_at_id_idx ON coupons (created_at, id);

-- The plans a coupon is limited to (by plan, so every version of it); none: any plan.
CREATE TABLE coupon_plans (
  coupon_id uuid NOT NULL REFERENCES coupons (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  plan_id   uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  PRIMARY KEY (coupon_id, plan_id)
);
CREATE INDEX coupon_plans_plan_id_idx ON coupon_plans (plan_id);

-- A coupon redeemed by (or applied by staff to) a tenant: at most once per tenant and coupon.
CREATE TABLE coupon_redemptions (
  tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  id                  uuid NOT NULL,
  coupon_id           uuid NOT NULL REFERENCES coupons (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  redeemed_by_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  -- True when finance or a platform admin applied it; false when a tenant admin redeemed the code.
  applied_by_staff    boolean NOT NULL,
  redeemed_at         timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- Period invoices the discount was counted on, in the transaction that drafted each.
  periods_used        integer NOT NULL DEFAULT 0 CHECK (periods_used >= 0),
  removed_at          timestamptz(3),
  removed_by_user_id  uuid REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  removal_reason      text,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT coupon_redemptions_removal CHECK (
    (removed_at IS NULL) = (removed_by_user_id IS NULL) AND (removed_at IS NULL) = (removal_reason IS NULL)
  )
);
CREATE UNIQUE INDEX coupon_redemptions_tenant_id_coupon_id_key ON coupon_redemptions (tenant_id, coupon_id);
CREATE INDEX coupon_redemptions_coupon_id_idx ON coupon_redemptions (coupon_id);

-- Counted periods only grow, and a removed redemption stays removed, even for the tables' owner.
CREATE FUNCTION app_coupon_redemptions_forward_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.periods_used < OLD.periods_used THEN
    RAISE EXCEPTION 'a redemption''s counted periods never go down';
  END IF;
  IF OLD.removed_at IS NOT NULL AND (NEW.removed_at, NEW.removed_by_user_id, NEW.removal_reason)
      IS DISTINCT FROM (OLD.removed_at, OLD.removed_by_user_id, OLD.removal_reason) THEN
    RAISE EXCEPTION 'a removed redemption stays removed';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER coupon_redemptions_forward_only
  BEFORE UPDATE ON coupon_redemptions
  FOR EACH ROW EXECUTE FUNCTION app_coupon_redemptions_forward_only();

ALTER TABLE coupon_redemptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE coupon_redemptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON coupon_redemptions
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- Tenant admins redeem a code under RLS: they read the coupon and count their redemption on it.
GRANT SELECT ON coupons, coupon_plans TO warbler_app;
GRANT UPDATE (times_redeemed) ON coupons TO warbler_app;
GRANT SELECT, INSERT ON coupon_redemptions TO warbler_app;
-- Finance and platform admins keep the coupons, apply and remove discounts; period close counts periods.
GRANT SELECT, INSERT ON coupons, coupon_plans, coupon_redemptions TO warbler_platform;
GRANT UPDATE (archived_at, times_redeemed) ON coupons TO warbler_platform;
GRANT UPDATE (periods_used, removed_at, removed_by_user_id, removal_reason) ON coupon_redemptions TO warbler_platform;
