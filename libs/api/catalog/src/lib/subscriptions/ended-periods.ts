import { type BillingInterval, type BillingPeriod, nextPeriodEnd } from '@warbler/shared/pricing';

export interface PeriodsEnded {
  /** Oldest first; empty when `current` has not ended by `at`. */
  ended: BillingPeriod[];
  /** The period containing `at`: where the subscription moves to. */
  next: BillingPeriod;
}

/**
 * Every period from `current` on that has ended by `at`, one by one, so a subscription several
 * periods behind is invoiced once per period. It steps exactly as `rollPeriodForward` does: the
 * anchor day is the later day of the stored period's two ends, kept for every step.
 */
export function periodsEndedBy(current: BillingPeriod, interval: BillingInterval, at: Date): PeriodsEnded {
  const anchorDay = Math.max(current.start.getUTCDate(), current.end.getUTCDate());
  const ended: BillingPeriod[] = [];
  let period = current;
  while (period.end.getTime() <= at.getTime()) {
    ended.push(period);
    period = { start: period.end, end: nextPeriodEnd(period.end, interval, anchorDay) };
  }
  return { ended, next: period };
}
