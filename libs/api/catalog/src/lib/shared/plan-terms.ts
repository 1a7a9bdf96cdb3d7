import type { Prisma } from '@warbler/api/core';
import { normalizeDecimal, type PlanTerms, type TermsProblem, validatePlanTerms } from '@warbler/shared/pricing';
import type { PlanVersionInput } from '../graphql/catalog.inputs';
import { invalidTerms } from './catalog-errors';
import type { StoredTier } from './catalog-rows';

type Tx = Prisma.TransactionClient;

export interface ResolvedTerms {
  version: Pick<
    Prisma.PlanVersionUncheckedCreateInput,
    'currency' | 'interval' | 'baseFeeMinor' | 'seatUnitPrice' | 'includedSeats' | 'maxSeats' | 'trialDays'
  >;
  charges: Omit<Prisma.PlanChargeCreateManyInput, 'planVersionId'>[];
  quotas: Omit<Prisma.PlanQuotaCreateManyInput, 'planVersionId'>[];
}

function asPlanTerms(input: PlanVersionInput): PlanTerms {
  return {
    ...input,
    charges: input.charges.map((charge) => ({
      ...charge,
      includedUnits: charge.includedUnits ?? '0',
      tiers: charge.tiers?.map((tier) => ({ ...tier, upTo: tier.upTo ?? null, flatFee: tier.flatFee ?? '0' })),
    })),
  };
}

const decimalOrNull = (raw: string | null | undefined) =>
  raw === null || raw === undefined ? null : normalizeDecimal(raw);

/**
 * Checks a version's terms against the pricing rules and the live metrics, and turns them into rows.
 * Every problem is collected before refusing, so the admin fixes them all at once.
 */
export async function resolvePlanTerms(tx: Tx, input: PlanVersionInput): Promise<ResolvedTerms> {
  const terms = asPlanTerms(input);
  const problems: TermsProblem[] = validatePlanTerms(terms);
  const codes = [...new Set([...terms.charges, ...terms.quotas].map((item) => item.metricCode))];
  const metrics = new Map(
    (await tx.billableMetric.findMany({ where: { code: { in: codes } } })).map((metric) => [metric.code, metric]),
  );
  const metricIdAt = (path: string, code: string): string => {
    const metric = metrics.get(code);
    if (!metric) problems.push({ path: `${path}.metricCode`, message: `unknown metric ${JSON.stringify(code)}` });
    else if (metric.archivedAt) {
      problems.push({ path: `${path}.metricCode`, message: `metric ${JSON.stringify(code)} is archived` });
    }
    return metric?.id ?? '';
  };
  const chargeMetricIds = terms.charges.map((charge, i) => metricIdAt(`charges[${i}]`, charge.metricCode));
  const quotaMetricIds = terms.quotas.map((quota, i) => metricIdAt(`quotas[${i}]`, quota.metricCode));
  if (problems.length > 0) throw invalidTerms(problems);

  return {
    version: {
      currency: terms.currency,
      interval: terms.interval,
      baseFeeMinor: BigInt(terms.baseFeeMinor),
      seatUnitPrice: normalizeDecimal(terms.seatUnitPrice),
      includedSeats: terms.includedSeats,
      maxSeats: terms.maxSeats,
      trialDays: terms.trialDays,
    },
    charges: terms.charges.map((charge, i) => ({
      metricId: chargeMetricIds[i],
      model: charge.model,
      unitPrice: decimalOrNull(charge.unitPrice),
      packageSize: decimalOrNull(charge.packageSize),
      includedUnits: normalizeDecimal(charge.includedUnits),
      tiers: (charge.tiers ?? []).map(
        (tier): StoredTier => ({
          upTo: decimalOrNull(tier.upTo),
          unitPrice: normalizeDecimal(tier.unitPrice),
          flatFee: normalizeDecimal(tier.flatFee),
        }),
      ) as unknown as Prisma.InputJsonValue,
    })),
    quotas: terms.quotas.map((quota, i) => ({
      metricId: quotaMetricIds[i],
      periodLimit: normalizeDecimal(quota.periodLimit),
      enforcement: quota.enforcement,
    })),
  };
}

/** Writes the charges and quotas of a version that has none (new, or just cleared). */
export async function writeVersionItems(
  tx: Tx,
  planVersionId: string,
  terms: Pick<ResolvedTerms, 'charges' | 'quotas'>,
) {
  if (terms.charges.length > 0) {
    await tx.planCharge.createMany({ data: terms.charges.map((charge) => ({ ...charge, planVersionId })) });
  }
  if (terms.quotas.length > 0) {
    await tx.planQuota.createMany({ data: terms.quotas.map((quota) => ({ ...quota, planVersionId })) });
  }
}
