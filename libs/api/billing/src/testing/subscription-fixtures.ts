import { randomUUID } from 'node:crypto';
import type { BillingInterval, ChargeModel } from '@warbler/api/core';
import { ownerClient } from '@warbler/api/core/testing';
import type { BillingPeriod } from '@warbler/shared/pricing';

const suffix = () => randomUUID().replaceAll('-', '').slice(0, 10);
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OfferedPlanTerms {
  name: string;
  currency?: string;
  interval?: BillingInterval;
  baseFeeMinor: bigint;
  seatUnitPrice: string;
  includedSeats: number;
  maxSeats: number;
  trialDays?: number;
  /** Charges of metrics made with `newMeteredMetric`, by metric id. */
  charges?: { metricId: string; model: ChargeModel; unitPrice: string }[];
}

/** A live metric written as the owner, charged by the plans a test makes. */
export async function newMeteredMetric(name = 'Messages') {
  return ownerClient().billableMetric.create({
    data: { code: `msg_${suffix()}`, name, unit: 'message', aggregation: 'COUNT' },
  });
}

/**
 * A plan on sale: its version 1 published with the given terms, as the catalog stores it. Returns
 * the plan and version ids; `draft: true` adds an unpublished version 2.
 */
export async function offeredPlan(terms: OfferedPlanTerms, options: { draft?: boolean } = {}) {
  const owner = ownerClient();
  const plan = await owner.plan.create({ data: { code: `sub-${suffix()}`, name: terms.name } });
  const version = await owner.planVersion.create({
    data: {
      planId: plan.id,
      version: 1,
      status: 'PUBLISHED',
      publishedAt: new Date(),
      currency: terms.currency ?? 'USD',
      interval: terms.interval ?? 'MONTH',
      baseFeeMinor: terms.baseFeeMinor,
      seatUnitPrice: terms.seatUnitPrice,
      includedSeats: terms.includedSeats,
      maxSeats: terms.maxSeats,
      trialDays: terms.trialDays ?? 0,
    },
  });
  for (const charge of terms.charges ?? []) {
    await owner.planCharge.create({ data: { planVersionId: version.id, ...charge } });
  }
  const draft = options.draft
    ? await owner.planVersion.create({
        data: { planId: plan.id, version: 2, currency: 'USD', interval: 'MONTH', maxSeats: terms.maxSeats },
      })
    : null;
  return { planId: plan.id, planVersionId: version.id, draftVersionId: draft?.id ?? null };
}

/** Publishes version 2 of a plan: version 1 stays published but is no longer on sale. */
export async function publishNewerVersion(planId: string, terms: Pick<OfferedPlanTerms, 'baseFeeMinor' | 'maxSeats'>) {
  return ownerClient().planVersion.create({
    data: {
      planId,
      version: 2,
      status: 'PUBLISHED',
      publishedAt: new Date(),
      currency: 'USD',
      interval: 'MONTH',
      baseFeeMinor: terms.baseFeeMinor,
      maxSeats: terms.maxSeats,
    },
  });
}

/** An instant a little in the past, on a whole second: what a test confirms a preview at. */
export function wholeSecondAgo(seconds = 2): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000 - seconds * 1000);
}

/** A period around `at`: `daysBefore` days before it to `daysAfter` days after it. */
export function periodAround(at: Date, daysBefore: number, daysAfter: number): BillingPeriod {
  return { start: new Date(at.getTime() - daysBefore * DAY_MS), end: new Date(at.getTime() + daysAfter * DAY_MS) };
}

/**
 * Puts the tenant's subscription on a version in a period, anchored at its start, with nothing
 * scheduled. `trialEndsAt` defaults to a trial that ended long ago (the tenant had one).
 */
export async function subscriptionOn(
  tenantId: string,
  planVersionId: string,
  period: BillingPeriod,
  options: { seatQuantity: number; trialEndsAt?: Date | null },
) {
  return ownerClient().subscription.update({
    where: { tenantId },
    data: {
      planVersionId,
      currentPeriodStart: period.start,
      currentPeriodEnd: period.end,
      billingAnchorAt: period.start,
      seatQuantity: options.seatQuantity,
      trialEndsAt: options.trialEndsAt === undefined ? new Date(Date.UTC(2000, 0, 15)) : options.trialEndsAt,
      scheduledPlanVersionId: null,
      cancelAtPeriodEnd: false,
      cancelRequestedAt: null,
    },
  });
}

/** The newest published version of the default plan: what cancelling moves a tenant onto. */
export async function defaultVersionId(): Promise<string> {
  const version = await ownerClient().planVersion.findFirstOrThrow({
    where: { status: 'PUBLISHED', plan: { isDefault: true, archivedAt: null } },
    orderBy: { version: 'desc' },
  });
  return version.id;
}

/** The tenant's recorded changes, oldest first. */
export function changesOf(tenantId: string) {
  return ownerClient().subscriptionChange.findMany({
    where: { tenantId },
    orderBy: [{ effectiveAt: 'asc' }, { id: 'asc' }],
  });
}
