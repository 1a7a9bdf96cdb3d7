import type { Prisma } from '@warbler/api/core';
import { type BillingPeriod, composePeriodInvoice } from '@warbler/shared/pricing';
import type { PricedVersion } from '../period-close/priced-versions';

type Tx = Prisma.TransactionClient;

export interface LastPeriodPrices {
  period: BillingPeriod;
  currentMinor: bigint;
  targetMinor: bigint;
}

/** Fixed fees and usage of a period on one version, before tax, by the composition invoices use. */
function priceOn(version: PricedVersion, seats: number, period: BillingPeriod, totals: ReadonlyMap<string, string>) {
  const usageTotals = new Map(
    [...version.metricIds].flatMap(([code, metricId]) => {
      const value = totals.get(metricId);
      return value === undefined ? [] : [[code, value] as const];
    }),
  );
  return composePeriodInvoice({
    period,
    startTerms: { fixed: version.fixed, seats },
    changes: [],
    trialEndsAt: null,
    usage: version.usage,
    usageTotals,
  }).totals.subtotalMinor;
}

/**
 * A tenant's last closed period (its newest invoice's) priced on the version it is on and on the
 * target, with the same seats and usage totals; null while no period has closed.
 */
export async function lastPeriodPrices(
  tx: Tx,
  subscription: { tenantId: string; id: string; seatQuantity: number; currentPeriodStart: Date },
  current: PricedVersion,
  target: PricedVersion,
): Promise<LastPeriodPrices | null> {
  const last = await tx.invoice.findFirst({
    where: {
      tenantId: subscription.tenantId,
      subscriptionId: subscription.id,
      periodEnd: { lte: subscription.currentPeriodStart },
    },
    orderBy: { periodStart: 'desc' },
    select: { periodStart: true, periodEnd: true },
  });
  if (!last) return null;
  const period = { start: last.periodStart, end: last.periodEnd };
  const rows = await tx.usagePeriodTotal.findMany({
    where: { tenantId: subscription.tenantId, periodStart: period.start },
    select: { metricId: true, value: true },
  });
  const totals = new Map(rows.map((row) => [row.metricId, row.value.toFixed()]));
  return {
    period,
    currentMinor: priceOn(current, subscription.seatQuantity, period, totals),
    targetMinor: priceOn(target, subscription.seatQuantity, period, totals),
  };
}
