import type { Prisma } from '@warbler/api/core';
import type { FixedTerms, TierInput, UsageTerms } from '@warbler/shared/pricing';

type Tx = Prisma.TransactionClient;

const PRICED_VERSION = {
  plan: { select: { name: true } },
  charges: { include: { metric: true }, orderBy: { metric: { code: 'asc' } } },
  quotas: true,
} as const satisfies Prisma.PlanVersionInclude;

type PricedVersionRow = Prisma.PlanVersionGetPayload<{ include: typeof PRICED_VERSION }>;

/** A plan version in the form the pricing library prices it, with what explains its usage lines. */
export interface PricedVersion {
  id: string;
  /** The plan it is a version of: what plan-limited coupons name. */
  planId: string;
  currency: string;
  fixed: FixedTerms;
  usage: UsageTerms;
  metricNames: ReadonlyMap<string, string>;
  /** Metric ids by code, for the charged metrics. */
  metricIds: ReadonlyMap<string, string>;
  quotas: ReadonlyMap<string, { periodLimit: string; enforcement: string }>;
}

/** The catalog stores `[]` for charges without tiers; pricing wants none at all for those. */
function storedTiers(stored: Prisma.JsonValue): TierInput[] | null {
  return Array.isArray(stored) && stored.length > 0 ? (stored as unknown as TierInput[]) : null;
}

function priced(version: PricedVersionRow): PricedVersion {
  return {
    id: version.id,
    planId: version.planId,
    currency: version.currency,
    fixed: {
      planVersionId: version.id,
      label: `${version.plan.name} v${version.version}`,
      currency: version.currency,
      baseFeeMinor: version.baseFeeMinor.toString(),
      seatUnitPrice: version.seatUnitPrice.toFixed(),
      includedSeats: version.includedSeats,
    },
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
    metricNames: new Map(version.charges.map(({ metric }) => [metric.code, metric.name])),
    metricIds: new Map(version.charges.map(({ metric }) => [metric.code, metric.id])),
    quotas: new Map(
      version.quotas.flatMap((quota) => {
        const charged = version.charges.find((charge) => charge.metricId === quota.metricId);
        return charged
          ? [[charged.metric.code, { periodLimit: quota.periodLimit.toFixed(), enforcement: quota.enforcement }]]
          : [];
      }),
    ),
  };
}

/**
 * Priced versions already read in one unit of work (e.g. one period-close run, where a few versions
 * serve thousands of subscriptions). Only published or archived versions are kept: their terms
 * never change, while a draft's may.
 */
export type PricedVersionCache = Map<string, PricedVersion>;

/** The plan versions with these ids, priced; an unknown id is a broken reference and throws. */
export async function pricedVersions(
  tx: Tx,
  ids: Iterable<string>,
  cache?: PricedVersionCache,
): Promise<Map<string, PricedVersion>> {
  const wanted = [...new Set(ids)];
  const versions = new Map<string, PricedVersion>();
  for (const id of wanted) {
    const cached = cache?.get(id);
    if (cached) versions.set(id, cached);
  }
  const missing = wanted.filter((id) => !versions.has(id));
  if (missing.length > 0) {
    const rows = await tx.planVersion.findMany({ where: { id: { in: missing } }, include: PRICED_VERSION });
    for (const row of rows) {
      const version = priced(row);
      versions.set(row.id, version);
      if (row.status !== 'DRAFT') cache?.set(row.id, version);
    }
  }
  for (const id of wanted) if (!versions.has(id)) throw new Error(`Plan version ${id} does not exist`);
  return versions;
}
