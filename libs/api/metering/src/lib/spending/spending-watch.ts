import type { TenantSql } from '@warbler/api/core';
import type { PricedCharge, TierInput } from '@warbler/shared/pricing';
import type { BillingPeriod } from '../shared/billing-period';

/** What the batch catalog saw of the tenant's spending terms: whether this batch must price its usage. */
export interface SpendingTermsSeen {
  capMinor: bigint | null;
  alertMinor: bigint | null;
  alertNotifiedFor: Date | null;
}

/** Only a tenant with a cap, or with an alert not yet sent this period, pays for pricing its batches. */
export function watchesSpending(terms: SpendingTermsSeen | null, period: BillingPeriod): boolean {
  if (!terms) return false;
  const alertDue = terms.alertMinor !== null && terms.alertNotifiedFor?.getTime() !== period.start.getTime();
  return terms.capMinor !== null || alertDue;
}

/** The tenant's spending terms as locked for this batch, with the plan version's usage charges by metric id. */
export interface SpendingWatch {
  currency: string;
  capMinor: bigint | null;
  /** Null when there is no alert or it was sent this period already. */
  alertMinor: bigint | null;
  charges: Map<string, PricedCharge>;
}

interface WatchRow {
  currency: string;
  plan_currency: string;
  spending_cap_minor: string | null;
  spending_alert_minor: string | null;
  spending_alert_notified_for: Date | null;
  metric_id: string | null;
  code: string | null;
  model: PricedCharge['model'] | null;
  unit_price: string | null;
  package_size: string | null;
  included_units: string | null;
  tiers: TierInput[] | null;
}

/**
 * Locks the tenant's spending terms until the batch commits and reads the plan version's usage
 * charges, in one statement. Every batch of a tenant that watches its spend takes this lock after its
 * keys and before its period totals, so such batches decide one after another on totals that no other
 * batch is changing: together they can never overshoot the cap, and the batch that reaches the alert
 * amount sees it. The terms are read after the lock is granted, so a change committed meanwhile
 * counts. Null when the terms no longer watch anything, or were set in another currency than the
 * plan's (they do not apply then).
 */
export async function lockSpendingWatch(sql: TenantSql, period: BillingPeriod): Promise<SpendingWatch | null> {
  const rows = await sql.query<WatchRow>(
    `WITH terms AS (
       SELECT currency, spending_cap_minor, spending_alert_minor, spending_alert_notified_for
       FROM tenant_billing_terms WHERE tenant_id = $1::uuid
       FOR UPDATE
     )
     SELECT terms.currency, v.currency AS plan_currency, terms.spending_cap_minor::text AS spending_cap_minor,
            terms.spending_alert_minor::text AS spending_alert_minor, terms.spending_alert_notified_for,
            c.metric_id, m.code, c.model, c.unit_price::text AS unit_price, c.package_size::text AS package_size,
            c.included_units::text AS included_units, c.tiers
     FROM terms
     JOIN plan_versions v ON v.id = $2::uuid
     LEFT JOIN plan_charges c ON c.plan_version_id = v.id
     LEFT JOIN billable_metrics m ON m.id = c.metric_id`,
    [sql.tenantId, period.planVersionId],
  );
  const [first] = rows;
  if (!first || first.currency !== first.plan_currency) return null;
  const seen: SpendingTermsSeen = {
    capMinor: first.spending_cap_minor === null ? null : BigInt(first.spending_cap_minor),
    alertMinor: first.spending_alert_minor === null ? null : BigInt(first.spending_alert_minor),
    alertNotifiedFor: first.spending_alert_notified_for,
  };
  if (!watchesSpending(seen, period)) return null;
  const charges = new Map<string, PricedCharge>();
  for (const row of rows) {
    if (!row.metric_id || !row.code || !row.model || row.included_units === null) continue;
    charges.set(row.metric_id, {
      metricCode: row.code,
      model: row.model,
      unitPrice: row.unit_price,
      packageSize: row.package_size,
      includedUnits: row.included_units,
      // The catalog stores [] for charges without tiers.
      tiers: row.tiers && row.tiers.length > 0 ? row.tiers : null,
    });
  }
  const alertSent = seen.alertNotifiedFor?.getTime() === period.start.getTime();
  return { currency: first.currency, capMinor: seen.capMinor, alertMinor: alertSent ? null : seen.alertMinor, charges };
}
