import { type BillingInterval, type BillingPeriod, nextPeriodEnd } from '@warbler/shared/pricing';

/**
 * The billing period that starts at `boundary`. Its end is stepped from the anchor's day, not from
 * the boundary's, so a period cut short by the calendar (31 January → 28 February, a 29 February
 * anchor in a common year) goes back to the anchor's day in the next one.
 */
export function periodFrom(boundary: Date, interval: BillingInterval, anchor: Date): BillingPeriod {
  return { start: boundary, end: nextPeriodEnd(boundary, interval, anchor.getUTCDate()) };
}
