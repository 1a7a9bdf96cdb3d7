import type { EndedPeriod } from '@warbler/api/catalog';
import type { Prisma } from '@warbler/api/core';
import type { TierInput } from '@warbler/shared/pricing';
import type { PeriodCharges } from './period-lines';

type Tx = Prisma.TransactionClient;

/** Where a usage line's quantity came from: the metric's period total (usage_period_totals) and its quota. */
export interface UsageSource {
  rollup: { metricId: string; periodStart: string; value: string; eventCount: string; overageQuantity: string };
  quota: { periodLimit: string; enforcement: string } | null;
}

export interface PeriodBilling {
  charges: PeriodCharges;
  currency: string;
  taxRatePercent: string | null;
  metricIds: ReadonlyMap<string, string>;
  usageSources: ReadonlyMap<string, UsageSource>;
}

/** The catalog stores `[]` for charges without tiers; pricing wants none at all for those. */
function storedTiers(stored: Prisma.JsonValue): TierInput[] | null {
  return Array.isArray(stored) && stored.length > 0 ? (stored as unknown as TierInput[]) : null;
}

/**
 * Reads, as the period closes, everything its invoice is priced from: the plan version's terms, the
 * tenant's seats and tax rate, and the period totals of the charged metrics. The platform client sees
 * every tenant, so each read names the tenant.
 */
export async function readPeriodBilling(tx: Tx, ended: EndedPeriod): Promise<PeriodBilling> {
  const { tenantId } = ended;
  const version = await tx.planVersion.findUniqueOrThrow({
    where: { id: ended.planVersionId },
    include: {
      plan: { select: { name: true } },
      charges: { include: { metric: true }, orderBy: { metric: { code: 'asc' } } },
      quotas: true,
    },
  });
  // Seats are counted as the tenancy domain counts them: active members holding one.
  const seats = await tx.membership.count({ where: { tenantId, status: 'ACTIVE', seatAssigned: true } });
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { taxRatePercent: true } });
  const totals = await tx.usagePeriodTotal.findMany({
    where: {
      tenantId,
      periodStart: ended.period.start,
      metricId: { in: version.charges.map((charge) => charge.metricId) },
    },
  });

  const totalOf = new Map(totals.map((total) => [total.metricId, total]));
  const quotaOf = new Map(version.quotas.map((quota) => [quota.metricId, quota]));
  const usageTotals = new Map<string, string>();
  const usageSources = new Map<string, UsageSource>();
  for (const { metric } of version.charges) {
    const total = totalOf.get(metric.id);
    if (!total) continue;
    const quota = quotaOf.get(metric.id);
    usageTotals.set(metric.code, total.value.toFixed());
    usageSources.set(metric.code, {
      rollup: {
        metricId: metric.id,
        periodStart: total.periodStart.toISOString(),
        value: total.value.toFixed(),
        eventCount: total.eventCount.toString(),
        overageQuantity: total.overageQuantity.toFixed(),
      },
      quota: quota ? { periodLimit: quota.periodLimit.toFixed(), enforcement: quota.enforcement } : null,
    });
  }

  return {
    currency: version.currency,
    taxRatePercent: tenant.taxRatePercent?.toFixed() ?? null,
    metricIds: new Map(version.charges.map(({ metric }) => [metric.code, metric.id])),
    usageSources,
    charges: {
      fixed: {
        planVersionId: version.id,
        label: `${version.plan.name} v${version.version}`,
        currency: version.currency,
        baseFeeMinor: version.baseFeeMinor.toString(),
        seatUnitPrice: version.seatUnitPrice.toFixed(),
        includedSeats: version.includedSeats,
      },
      seats,
      usage: {
        planVersionId: version.id,
        currency: version.currency,
        charges: version.charges.map((charge) => ({
          metricCode: charge.metric.code,
          model: charge.model,
          unitPrice: charge.unitPrice?.toFixed() ?? null,
          packageSize: charge.packageSize?.toFixed() ?? null,
          includedUnits: charge.includedUnits.toFixed(),
          tiers: storedTiers(charge.tiers),
        })),
      },
      usageTotals,
      metricNames: new Map(version.charges.map(({ metric }) => [metric.code, metric.name])),
    },
  };
}
