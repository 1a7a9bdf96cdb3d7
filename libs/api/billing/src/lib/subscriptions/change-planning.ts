import type { PlanVersionModel as PlanVersionRow, Prisma, SubscriptionChangeKind } from '@warbler/api/core';
import { type BillingPeriod, seatsCarriedTo } from '@warbler/shared/pricing';
import { ChangeTiming } from './subscription-change.args';
import {
  currencyChangeNow,
  intervalChangeNow,
  nothingToChange,
  periodClosing,
  previewOutdated,
  seatsAboveMaximum,
  seatsInUse,
} from './subscription-errors';
import type { SubscriptionRow } from './subscription-lock';

type Tx = Prisma.TransactionClient;

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a preview's effectiveAt can be confirmed for. */
const PREVIEW_VALID_MS = 15 * 60 * 1000;

/** A move of a subscription onto a version (maybe the one it is on) and a seat quantity. */
export interface MoveRequest {
  target: PlanVersionRow;
  /** Null: the seats paid for carry over (seatsCarriedTo). */
  seatQuantity: number | null;
  timing: ChangeTiming;
  /** NOW only: the instant of a preview being confirmed. */
  effectiveAt: Date | null;
  /** Recorded as this kind instead of the one the change implies (a cancellation). */
  kind?: SubscriptionChangeKind;
  /** Bulk moves never start trials; a tenant moving itself onto a version with one does, once. */
  mayStartTrial: boolean;
}

export interface PlannedChange {
  timing: ChangeTiming;
  kind: SubscriptionChangeKind;
  /** NOW: when the change takes effect, inside the current period; PERIOD_END: the period's end. */
  at: Date;
  period: BillingPeriod;
  target: PlanVersionRow;
  versionChanged: boolean;
  seatQuantity: number;
  /** Set when the change starts a trial. */
  trialEndsAt: Date | null;
}

/** When a change made now takes effect: a confirmed preview's instant, or now, always after the last change. */
async function effectiveInstant(tx: Tx, subscription: SubscriptionRow, requested: Date | null, now: Date) {
  const last = await tx.subscriptionChange.findFirst({
    where: { tenantId: subscription.tenantId, subscriptionId: subscription.id },
    orderBy: [{ effectiveAt: 'desc' }, { id: 'desc' }],
    select: { effectiveAt: true },
  });
  // Changes of a subscription are strictly ordered in time, so the chain of terms is unambiguous.
  const earliest = Math.max(subscription.currentPeriodStart.getTime(), (last?.effectiveAt.getTime() ?? 0) + 1);
  if (!requested) return new Date(Math.max(now.getTime(), earliest));
  const at = requested.getTime();
  if (at > now.getTime() || at < now.getTime() - PREVIEW_VALID_MS || at < earliest) throw previewOutdated();
  return requested;
}

/**
 * Checks a move against the rules and works out what it does: the seats it leaves (at least those
 * in use, at most the version's maximum), when it takes effect, and whether it starts a trial. A
 * preview and the change it confirms both come through here, so both price the same change.
 */
export async function planMove(
  tx: Tx,
  subscription: SubscriptionRow,
  request: MoveRequest,
  now: Date,
): Promise<PlannedChange> {
  const { target, timing } = request;
  const current = subscription.planVersion;
  const period = { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd };
  if (now.getTime() >= period.end.getTime()) throw periodClosing();
  const versionChanged = target.id !== current.id;
  if (timing === ChangeTiming.PERIOD_END && !versionChanged) {
    throw nothingToChange(' (resumeSubscription drops a change scheduled for the period end)');
  }
  if (timing === ChangeTiming.NOW && versionChanged) {
    if (target.currency !== current.currency) throw currencyChangeNow(current.currency, target.currency);
    if (target.interval !== current.interval) throw intervalChangeNow();
  }

  const seatQuantity =
    request.seatQuantity ??
    (versionChanged ? seatsCarriedTo(subscription.seatQuantity, target) : subscription.seatQuantity);
  if (seatQuantity > target.maxSeats) throw seatsAboveMaximum(seatQuantity, target.maxSeats);
  const inUse = await tx.membership.count({
    where: { tenantId: subscription.tenantId, status: 'ACTIVE', seatAssigned: true },
  });
  if (seatQuantity < inUse) throw seatsInUse(seatQuantity, inUse);

  if (timing === ChangeTiming.PERIOD_END) {
    return {
      timing,
      kind: 'SCHEDULED_APPLIED',
      at: period.end,
      period,
      target,
      versionChanged,
      seatQuantity,
      trialEndsAt: null,
    };
  }
  if (!versionChanged && seatQuantity === subscription.seatQuantity) throw nothingToChange();
  const at = await effectiveInstant(tx, subscription, request.effectiveAt, now);
  const startsTrial = request.mayStartTrial && versionChanged && target.trialDays > 0 && !subscription.trialEndsAt;
  const trialEndsAt = startsTrial ? new Date(at.getTime() + target.trialDays * DAY_MS) : null;
  const implied: SubscriptionChangeKind = startsTrial
    ? 'TRIAL_STARTED'
    : versionChanged
      ? 'PLAN_CHANGED'
      : 'SEATS_CHANGED';
  return {
    timing,
    kind: request.kind ?? implied,
    at,
    period,
    target,
    versionChanged,
    seatQuantity,
    trialEndsAt,
  };
}
