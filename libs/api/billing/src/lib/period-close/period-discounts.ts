import type { Prisma } from '@warbler/api/core';
import { type DiscountDuration, type DiscountKind, type DiscountTerms, parsePercentOff } from '@warbler/shared/pricing';
import type { PeriodBilling, PeriodSource } from './period-billing';
import type { PricedVersion } from './priced-versions';

type Tx = Prisma.TransactionClient;

/** A tenant's redemption that has periods left, with its coupon's terms. */
export interface ActiveRedemption {
  tenantId: string;
  redemptionId: string;
  redeemedAt: Date;
  periodsUsed: number;
  couponId: string;
  code: string;
  name: string;
  kind: DiscountKind;
  percentOff: string | null;
  amountOffMinor: string | null;
  currency: string | null;
  duration: DiscountDuration;
  durationPeriods: number | null;
  /** The plans the coupon is limited to; empty: any plan. */
  planIds: string[];
}

/**
 * The redemptions of these tenants that still apply to some invoice (not removed, periods left), in
 * redemption order, with one statement for a whole period-close chunk. Under a tenant's row-level
 * security (a preview) it sees that tenant's only.
 */
export async function readActiveRedemptions(tx: Tx, tenantIds: readonly string[]): Promise<ActiveRedemption[]> {
  if (tenantIds.length === 0) return [];
  const rows = await tx.$queryRaw<(Omit<ActiveRedemption, 'percentOff'> & { percentOff: string | null })[]>`
    SELECT r.tenant_id::text AS "tenantId", r.id::text AS "redemptionId", r.redeemed_at AS "redeemedAt",
           r.periods_used AS "periodsUsed", c.id::text AS "couponId", c.code, c.name, c.kind::text AS kind,
           c.percent_off::text AS "percentOff", c.amount_off_minor::text AS "amountOffMinor", c.currency,
           c.duration::text AS duration, c.duration_periods AS "durationPeriods",
           coalesce(array_agg(p.plan_id::text) FILTER (WHERE p.plan_id IS NOT NULL), '{}') AS "planIds"
      FROM coupon_redemptions r
      JOIN coupons c ON c.id = r.coupon_id
      LEFT JOIN coupon_plans p ON p.coupon_id = c.id
     WHERE r.tenant_id = ANY (${[...tenantIds]}::uuid[])
       AND r.removed_at IS NULL
       AND (c.duration = 'FOREVER' OR r.periods_used < coalesce(c.duration_periods, 1))
     GROUP BY r.tenant_id, r.id, c.id
     ORDER BY r.redeemed_at, r.id`;
  return rows.map((row) => ({
    ...row,
    percentOff: row.percentOff === null ? null : percentText(row.percentOff),
  }));
}

/** numeric(7, 4) reads back as "25.0000"; the pricing library's form is "25". */
function percentText(stored: string): string {
  const parsed = parsePercentOff(stored);
  if (!parsed.ok) throw new Error(`coupon percent_off ${stored} is out of range`);
  return parsed.percentOff;
}

/**
 * A plan-limited coupon gives nothing while the tenant is on another plan, and a fixed amount nothing
 * while it bills in another currency; either way no period is used.
 */
function appliesTo(redemption: ActiveRedemption, version: PricedVersion): boolean {
  if (redemption.planIds.length > 0 && !redemption.planIds.includes(version.planId)) return false;
  return redemption.kind === 'PERCENTAGE' || redemption.currency === version.currency;
}

function periodsOf(redemption: ActiveRedemption): number | null {
  if (redemption.duration === 'FOREVER') return null;
  return redemption.duration === 'ONCE' ? 1 : (redemption.durationPeriods ?? 0);
}

/**
 * Gives each period the discounts it gets: the tenant's redemptions made before the period ended,
 * that apply to its closing plan version and have a period left, in redemption order. A tenant's
 * periods are walked oldest first, each using one period of every discount it gets, so a subscription
 * several periods behind uses them up in order.
 */
export function withDiscounts(
  sources: readonly PeriodSource[],
  billings: readonly PeriodBilling[],
  redemptions: readonly ActiveRedemption[],
): PeriodBilling[] {
  if (redemptions.length === 0) return [...billings];
  const byTenant = new Map<string, ActiveRedemption[]>();
  for (const redemption of redemptions)
    byTenant.set(redemption.tenantId, [...(byTenant.get(redemption.tenantId) ?? []), redemption]);
  const used = new Map<string, number>();
  const result = [...billings];
  const order = sources
    .map((source, index) => ({ source, index }))
    .sort(
      (a, b) =>
        a.source.tenantId.localeCompare(b.source.tenantId) ||
        a.source.period.start.getTime() - b.source.period.start.getTime(),
    );
  for (const { source, index } of order) {
    const billing = billings[index];
    const discounts: DiscountTerms[] = [];
    for (const redemption of byTenant.get(source.tenantId) ?? []) {
      if (redemption.redeemedAt.getTime() >= source.period.end.getTime()) continue;
      if (!appliesTo(redemption, billing.closingVersion)) continue;
      const periods = periodsOf(redemption);
      const usedHere = used.get(redemption.redemptionId) ?? 0;
      const periodsLeft = periods === null ? null : periods - redemption.periodsUsed - usedHere;
      if (periodsLeft !== null && periodsLeft < 1) continue;
      used.set(redemption.redemptionId, usedHere + 1);
      discounts.push({
        redemptionId: redemption.redemptionId,
        couponId: redemption.couponId,
        couponCode: redemption.code,
        couponName: redemption.name,
        kind: redemption.kind,
        percentOff: redemption.percentOff,
        amountOffMinor: redemption.amountOffMinor,
        currency: redemption.currency,
        duration: redemption.duration,
        periodsLeft,
      });
    }
    if (discounts.length > 0) result[index] = { ...billing, input: { ...billing.input, discounts } };
  }
  return result;
}

/**
 * Counts a period used on every discount the drafted invoices got, with one statement, in the
 * transaction that inserts the invoices: a period is counted exactly when its invoice exists.
 */
export async function countDiscountPeriods(
  tx: Tx,
  drafted: readonly { tenantId: string; discounts?: readonly DiscountTerms[] }[],
): Promise<void> {
  const counts = new Map<string, { tenant_id: string; id: string; used: number }>();
  for (const { tenantId, discounts } of drafted) {
    for (const { redemptionId } of discounts ?? []) {
      const entry = counts.get(redemptionId) ?? { tenant_id: tenantId, id: redemptionId, used: 0 };
      entry.used += 1;
      counts.set(redemptionId, entry);
    }
  }
  if (counts.size === 0) return;
  await tx.$executeRaw`
    UPDATE coupon_redemptions r SET periods_used = r.periods_used + d.used
      FROM json_to_recordset(${JSON.stringify([...counts.values()])}::json) AS d(tenant_id uuid, id uuid, used integer)
     WHERE r.tenant_id = d.tenant_id AND r.id = d.id`;
}
