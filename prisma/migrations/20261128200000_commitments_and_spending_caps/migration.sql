-- Commitments and caps: a tenant's minimum commitment per period and finance's spending limits, and
-- the spending alert and hard cap its billing admins set within them. See docs/commitments-and-caps.md.

-- The true-up line an invoice gets when its period's charges fall short of the commitment.
ALTER TYPE "InvoiceLineKind" ADD VALUE 'MINIMUM_COMMITMENT';

-- One row per tenant, created by the first write. Every amount is in whole minor units of `currency`,
-- the currency the tenant's subscription billed in when they were set; while the subscription bills in
-- another, none of them applies. Changes are kept in the tenant's audit log.
CREATE TABLE tenant_billing_terms (
  tenant_id                    uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  currency                     text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- Set by finance or platform admins: the least a period's invoice comes to before discounts and tax.
  minimum_commitment_minor     bigint CHECK (minimum_commitment_minor > 0),
  -- Set by finance: the highest hard cap the tenant may set (null: any), and whether it must keep one.
  max_spending_cap_minor       bigint CHECK (max_spending_cap_minor > 0),
  spending_cap_required        boolean NOT NULL DEFAULT false,
  -- Set by the tenant's owners and billing admins.
  spending_alert_minor         bigint CHECK (spending_alert_minor > 0),
  spending_cap_minor           bigint CHECK (spending_cap_minor >= 0),
  -- The period whose spend reached the alert amount; a new alert amount clears it (arms the alert again).
  spending_alert_notified_for  timestamptz(3),
  created_at                   timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at                   timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tenant_id),
  CONSTRAINT tenant_billing_terms_cap_within_limit
    CHECK (spending_cap_minor IS NULL OR max_spending_cap_minor IS NULL OR spending_cap_minor <= max_spending_cap_minor),
  CONSTRAINT tenant_billing_terms_required_cap
    CHECK (NOT spending_cap_required OR (spending_cap_minor IS NOT NULL AND max_spending_cap_minor IS NOT NULL))
);

ALTER TABLE tenant_billing_terms ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_billing_terms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_billing_terms
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- The tenant's people write only their own alert and cap (and the row's currency when it has no
-- finance terms); ingestion records the period an alert went out in. Finance's columns are the
-- platform role's alone.
GRANT SELECT ON tenant_billing_terms TO warbler_app;
GRANT INSERT (tenant_id, currency, spending_alert_minor, spending_cap_minor) ON tenant_billing_terms TO warbler_app;
GRANT UPDATE (currency, spending_alert_minor, spending_cap_minor, spending_alert_notified_for, updated_at)
  ON tenant_billing_terms TO warbler_app;
GRANT SELECT, INSERT, UPDATE ON tenant_billing_terms TO warbler_platform;
