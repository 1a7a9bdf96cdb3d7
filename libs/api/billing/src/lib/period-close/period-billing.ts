import type { Prisma } from '@warbler/api/core';
import type {
  BillingPeriod,
  InvoiceLineDraft,
  PeriodInvoiceInput,
  SubscriptionTerms,
  TermsChange,
} from '@warbler/shared/pricing';
import { type PricedVersion, type PricedVersionCache, pricedVersions } from './priced-versions';

type Tx = Prisma.TransactionClient;

/** Which period of which subscription to price, and the terms in effect at its end (or now, for an estimate). */
export interface PeriodSource {
  tenantId: string;
  subscriptionId: string;
  period: BillingPeriod;
  planVersionId: string;
  seatQuantity: number;
  trialEndsAt: Date | null;
}

/** A change not made yet, priced as if it were the period's last: what a preview shows. */
export interface ProposedChange {
  at: Date;
  planVersionId: string;
  seatQuantity: number;
  /** Set when the change starts a trial: when it would end. */
  trialEndsAt: Date | null;
}

/** Where a usage line's quantity came from: the metric's period total (usage_period_totals) and its quota. */
export interface UsageSource {
  rollup: { metricId: string; periodStart: string; value: string; eventCount: string; overageQuantity: string };
  quota: { periodLimit: string; enforcement: string } | null;
}

export interface PeriodBilling {
  /** What composePeriodInvoice prices. */
  input: PeriodInvoiceInput;
  /** The version in effect at the period's end: the invoice's plan version, which prices its usage. */
  closingVersion: PricedVersion;
  taxRatePercent: string | null;
  usageSources: ReadonlyMap<string, UsageSource>;
}

/**
 * Reads everything a period's invoice is priced from: the terms the period started on and each
 * change recorded inside it (subscription_changes, in order), the tenant's tax rate, and the period
 * totals of the metrics the closing version charges. Drafting at close, the upcoming invoice and a
 * change's preview all price what this returns, so they agree to the cent. The platform client sees
 * every tenant, so each read names the tenant.
 */
export async function readPeriodBilling(
  tx: Tx,
  source: PeriodSource,
  proposed?: ProposedChange,
  versionCache?: PricedVersionCache,
): Promise<PeriodBilling> {
  const { tenantId, period } = source;
  const recorded = await tx.subscriptionChange.findMany({
    where: { tenantId, subscriptionId: source.subscriptionId, periodStart: period.start },
    orderBy: [{ effectiveAt: 'asc' }, { id: 'asc' }],
  });
  const closingVersionId = proposed?.planVersionId ?? source.planVersionId;
  const versions = await pricedVersions(
    tx,
    [
      source.planVersionId,
      closingVersionId,
      ...recorded.flatMap((change) => [change.fromPlanVersionId, change.toPlanVersionId]),
    ],
    versionCache,
  );
  const termsOf = (planVersionId: string, seats: number): SubscriptionTerms => ({
    fixed: (versions.get(planVersionId) as PricedVersion).fixed,
    seats,
  });

  const changes: TermsChange[] = recorded.map((change) => ({
    at: change.effectiveAt,
    to: termsOf(change.toPlanVersionId, change.toSeatQuantity),
    startsTrial: change.kind === 'TRIAL_STARTED',
  }));
  if (proposed) {
    changes.push({
      at: proposed.at,
      to: termsOf(proposed.planVersionId, proposed.seatQuantity),
      startsTrial: proposed.trialEndsAt !== null,
    });
  }
  const [first] = recorded;
  const startTerms = first
    ? termsOf(first.fromPlanVersionId, first.fromSeatQuantity)
    : termsOf(source.planVersionId, source.seatQuantity);

  const closingVersion = versions.get(closingVersionId) as PricedVersion;
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { taxRatePercent: true } });
  const totals = await tx.usagePeriodTotal.findMany({
    where: { tenantId, periodStart: period.start, metricId: { in: [...closingVersion.metricIds.values()] } },
  });
  const totalOf = new Map(totals.map((total) => [total.metricId, total]));
  const usageTotals = new Map<string, string>();
  const usageSources = new Map<string, UsageSource>();
  for (const [code, metricId] of closingVersion.metricIds) {
    const total = totalOf.get(metricId);
    if (!total) continue;
    usageTotals.set(code, total.value.toFixed());
    usageSources.set(code, {
      rollup: {
        metricId,
        periodStart: total.periodStart.toISOString(),
        value: total.value.toFixed(),
        eventCount: total.eventCount.toString(),
        overageQuantity: total.overageQuantity.toFixed(),
      },
      quota: closingVersion.quotas.get(code) ?? null,
    });
  }

  const taxRatePercent = tenant.taxRatePercent?.toFixed() ?? null;
  return {
    closingVersion,
    taxRatePercent,
    usageSources,
    input: {
      period,
      startTerms,
      changes,
      trialEndsAt: proposed?.trialEndsAt ?? source.trialEndsAt,
      usage: closingVersion.usage,
      usageTotals,
      metricNames: closingVersion.metricNames,
      taxRatePercent,
    },
  };
}

/** A line's pricing inputs, plus for usage the period total it priced and the quota it ran under. */
export function explainLine(line: InvoiceLineDraft, billing: PeriodBilling): Prisma.InputJsonValue {
  const source = line.metricCode === null ? undefined : billing.usageSources.get(line.metricCode);
  return source ? { ...line.explain, rollup: source.rollup, quota: source.quota } : line.explain;
}
