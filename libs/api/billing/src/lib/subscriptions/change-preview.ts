import { PLAN_VERSION_WITH_PLAN, periodFrom, toPlanVersion } from '@warbler/api/catalog';
import type { Prisma } from '@warbler/api/core';
import { composePeriodInvoice } from '@warbler/shared/pricing';
import { type PeriodBilling, type PeriodSource, readPeriodBilling } from '../period-close/period-billing';
import { pricedVersions } from '../period-close/priced-versions';
import type { PlannedChange } from './change-planning';
import { toEstimatedLine, toUpcomingInvoice } from './estimates';
import { ChangeTiming } from './subscription-change.args';
import type { SubscriptionChangePreviewModel, UpcomingInvoiceModel } from './subscription-estimates.model';
import type { SubscriptionRow } from './subscription-lock';

type Tx = Prisma.TransactionClient;

/** The current period of a subscription, priced on the terms it is on now. */
export function currentPeriodOf(subscription: SubscriptionRow): PeriodSource {
  return {
    tenantId: subscription.tenantId,
    subscriptionId: subscription.id,
    period: { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd },
    planVersionId: subscription.planVersionId,
    seatQuantity: subscription.seatQuantity,
    trialEndsAt: subscription.trialEndsAt,
  };
}

/** The current period's invoice as it stands: fixed fees, changes so far and usage so far. */
export async function upcomingInvoice(tx: Tx, subscription: SubscriptionRow, now: Date): Promise<UpcomingInvoiceModel> {
  const billing = await readPeriodBilling(tx, currentPeriodOf(subscription));
  return toUpcomingInvoice(billing, composePeriodInvoice(billing.input), now);
}

/** The fixed fees of the first whole period on the change's terms, with the trial rule and tax. */
async function firstPeriodFixedFees(
  tx: Tx,
  subscription: SubscriptionRow,
  planned: PlannedChange,
  taxRatePercent: string | null,
  now: Date,
): Promise<UpcomingInvoiceModel> {
  const { target } = planned;
  const boundary = subscription.currentPeriodEnd;
  const sameInterval = target.interval === subscription.planVersion.interval;
  const period = periodFrom(boundary, target.interval, sameInterval ? subscription.billingAnchorAt : boundary);
  const version = (await pricedVersions(tx, [target.id])).get(target.id);
  if (!version) throw new Error(`Plan version ${target.id} does not exist`);
  const billing: PeriodBilling = {
    closingVersion: version,
    taxRatePercent,
    usageSources: new Map(),
    input: {
      period,
      startTerms: { fixed: version.fixed, seats: planned.seatQuantity },
      changes: [],
      trialEndsAt: planned.trialEndsAt ?? subscription.trialEndsAt,
      usage: { ...version.usage, charges: [] },
      usageTotals: new Map(),
      taxRatePercent,
    },
  };
  return toUpcomingInvoice(billing, composePeriodInvoice(billing.input), now);
}

/**
 * What a planned change does to money: the lines it adds to the current period's invoice (priced by
 * the same composition that drafts the invoice at close, from the same instant), the invoice it
 * leads to, and the fixed fees of the first period on the new terms.
 */
export async function previewChange(
  tx: Tx,
  subscription: SubscriptionRow,
  planned: PlannedChange,
  now: Date,
): Promise<SubscriptionChangePreviewModel> {
  const source = currentPeriodOf(subscription);
  const before = await readPeriodBilling(tx, source);
  const beforeInvoice = composePeriodInvoice(before.input);
  const after =
    planned.timing === ChangeTiming.NOW
      ? await readPeriodBilling(tx, source, {
          at: planned.at,
          planVersionId: planned.target.id,
          seatQuantity: planned.seatQuantity,
          trialEndsAt: planned.trialEndsAt,
        })
      : before;
  const afterInvoice = after === before ? beforeInvoice : composePeriodInvoice(after.input);
  const lines = planned.timing === ChangeTiming.NOW ? (afterInvoice.linesByChange.at(-1) ?? []) : [];
  const subtotal = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
  const tax = afterInvoice.totals.taxMinor - beforeInvoice.totals.taxMinor;
  const target = await tx.planVersion.findUniqueOrThrow({
    where: { id: planned.target.id },
    include: PLAN_VERSION_WITH_PLAN,
  });
  return {
    timing: planned.timing,
    effectiveAt: planned.at,
    currency: afterInvoice.currency,
    planVersion: toPlanVersion(target, null),
    seatQuantity: planned.seatQuantity,
    trialEndsAt: planned.trialEndsAt,
    lines: lines.map((line) => toEstimatedLine(line, after)),
    subtotalMinor: subtotal.toString(),
    taxMinor: tax.toString(),
    totalMinor: (subtotal + tax).toString(),
    nextInvoice: toUpcomingInvoice(after, afterInvoice, now),
    firstPeriodFixedFees: await firstPeriodFixedFees(tx, subscription, planned, before.taxRatePercent, now),
  };
}
