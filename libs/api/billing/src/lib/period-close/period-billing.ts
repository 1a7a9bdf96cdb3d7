import type { Prisma, SubscriptionChangeModel, UsagePeriodTotalModel } from '@warbler/api/core';
import type {
  BillingPeriod,
  InvoiceLineDraft,
  PeriodInvoiceInput,
  SubscriptionTerms,
  TermsChange,
} from '@warbler/shared/pricing';
import { readActiveRedemptions, withDiscounts } from './period-discounts';
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

/** What a period's invoice is priced from, besides the plan versions. */
interface PeriodFacts {
  /** The changes recorded inside the period, in order. */
  recorded: SubscriptionChangeModel[];
  taxRatePercent: string | null;
  totals: UsagePeriodTotalModel[];
  /** The tenant's minimum commitment per period and the currency it is in, if it has one. */
  commitment: { currency: string; amountMinor: string } | null;
}

const periodKey = (subscriptionId: string, periodStart: Date) => `${subscriptionId}|${periodStart.getTime()}`;
const tenantPeriodKey = (tenantId: string, periodStart: Date) => `${tenantId}|${periodStart.getTime()}`;

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * Reads everything a period's invoice is priced from: the terms the period started on and each
 * change recorded inside it (subscription_changes, in order), the tenant's tax rate and minimum
 * commitment, and the period totals of the metrics the closing version charges. Drafting at close,
 * the upcoming invoice and a change's preview all price what this returns, so they agree to the
 * cent. The platform client sees every tenant, so each read names the tenant.
 */
export async function readPeriodBilling(
  tx: Tx,
  source: PeriodSource,
  proposed?: ProposedChange,
  versionCache?: PricedVersionCache,
): Promise<PeriodBilling> {
  const [billing] = await readPeriodBillings(tx, [source], versionCache, proposed);
  return billing;
}

/**
 * The billing of many periods (a period-close chunk), in the order given, with the same three reads
 * as one period: the periods' changes, their tenants' tax rates, commitments and usage totals.
 * The tenants' active discounts are one more read for the whole chunk (period-discounts.ts).
 */
export async function readPeriodBillings(
  tx: Tx,
  sources: readonly PeriodSource[],
  versionCache?: PricedVersionCache,
  proposed?: ProposedChange,
): Promise<PeriodBilling[]> {
  const tenantIds = [...new Set(sources.map((source) => source.tenantId))];
  const periodStarts = [...new Map(sources.map(({ period }) => [period.start.getTime(), period.start])).values()];
  const recorded = groupBy(
    await tx.subscriptionChange.findMany({
      where: {
        tenantId: { in: tenantIds },
        subscriptionId: { in: sources.map((source) => source.subscriptionId) },
        periodStart: { in: periodStarts },
      },
      orderBy: [{ effectiveAt: 'asc' }, { id: 'asc' }],
    }),
    (change) => periodKey(change.subscriptionId, change.periodStart),
  );
  const recordedOf = (source: PeriodSource) =>
    recorded.get(periodKey(source.subscriptionId, source.period.start)) ?? [];

  const versions = await pricedVersions(
    tx,
    sources.flatMap((source) => [
      source.planVersionId,
      proposed?.planVersionId ?? source.planVersionId,
      ...recordedOf(source).flatMap((change) => [change.fromPlanVersionId, change.toPlanVersionId]),
    ]),
    versionCache,
  );
  const chargedMetricIds = new Set([...versions.values()].flatMap((version) => [...version.metricIds.values()]));

  const tenants = await tx.tenant.findMany({
    where: { id: { in: tenantIds } },
    select: { id: true, taxRatePercent: true },
  });
  const taxRateOf = new Map(tenants.map((tenant) => [tenant.id, tenant.taxRatePercent?.toFixed() ?? null]));
  const commitmentOf = new Map(
    (
      await tx.tenantBillingTerms.findMany({
        where: { tenantId: { in: tenantIds }, minimumCommitmentMinor: { not: null } },
        select: { tenantId: true, currency: true, minimumCommitmentMinor: true },
      })
    ).map((terms) => [terms.tenantId, { currency: terms.currency, amountMinor: String(terms.minimumCommitmentMinor) }]),
  );
  const totals = groupBy(
    await tx.usagePeriodTotal.findMany({
      where: {
        tenantId: { in: tenantIds },
        periodStart: { in: periodStarts },
        metricId: { in: [...chargedMetricIds] },
      },
    }),
    (total) => tenantPeriodKey(total.tenantId, total.periodStart),
  );

  const billings = sources.map((source) => {
    const taxRatePercent = taxRateOf.get(source.tenantId);
    if (taxRatePercent === undefined) throw new Error(`Tenant ${source.tenantId} does not exist`);
    const facts: PeriodFacts = {
      recorded: recordedOf(source),
      taxRatePercent,
      totals: totals.get(tenantPeriodKey(source.tenantId, source.period.start)) ?? [],
      commitment: commitmentOf.get(source.tenantId) ?? null,
    };
    return periodBillingOf(source, facts, versions, proposed);
  });
  return withDiscounts(sources, billings, await readActiveRedemptions(tx, tenantIds));
}

/** Puts one period's facts in the form composePeriodInvoice prices. */
function periodBillingOf(
  source: PeriodSource,
  { recorded, taxRatePercent, totals, commitment }: PeriodFacts,
  versions: ReadonlyMap<string, PricedVersion>,
  proposed?: ProposedChange,
): PeriodBilling {
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

  const closingVersion = versions.get(proposed?.planVersionId ?? source.planVersionId) as PricedVersion;
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

  return {
    closingVersion,
    taxRatePercent,
    usageSources,
    input: {
      period: source.period,
      startTerms,
      changes,
      trialEndsAt: proposed?.trialEndsAt ?? source.trialEndsAt,
      usage: closingVersion.usage,
      usageTotals,
      metricNames: closingVersion.metricNames,
      taxRatePercent,
      // A commitment set in another currency than the invoice's does not apply (docs/commitments-and-caps.md).
      minimumCommitmentMinor: commitment?.currency === closingVersion.currency ? commitment.amountMinor : null,
    },
  };
}

/** A line's pricing inputs, plus for usage the period total it priced and the quota it ran under. */
export function explainLine(line: InvoiceLineDraft, billing: PeriodBilling): Prisma.InputJsonValue {
  const source = line.metricCode === null ? undefined : billing.usageSources.get(line.metricCode);
  return source ? { ...line.explain, rollup: source.rollup, quota: source.quota } : line.explain;
}
