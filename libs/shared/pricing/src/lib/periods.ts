export type BillingInterval = 'MONTH' | 'YEAR';

export interface BillingPeriod {
  start: Date;
  end: Date;
}

const MONTHS_PER_INTERVAL: Record<BillingInterval, number> = { MONTH: 1, YEAR: 12 };

function daysInMonthUtc(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * Moves `from` by whole months onto the anchor day, clamped to the target month's length, keeping the
 * time of day. Clamping is recomputed from the anchor every time, so Jan 31 → Feb 28 → Mar 31 rather
 * than drifting to the 28th.
 */
function shiftMonths(from: Date, months: number, anchorDay: number): Date {
  const monthIndex = from.getUTCFullYear() * 12 + from.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const day = Math.min(anchorDay, daysInMonthUtc(year, month));
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
}

function assertAnchorDay(anchorDay: number): void {
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) {
    throw new RangeError(`anchor day must be an integer from 1 to 31, got ${anchorDay}`);
  }
}

function assertValidDate(value: Date, name: string): void {
  if (Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} is not a valid date`);
  }
}

/**
 * The end of the billing period that starts at `start` (exclusive). `anchorDay` is the day of month the
 * subscription was anchored on; it defaults to `start`'s own day and matters once a short month has
 * clamped the start (a period starting Feb 28 for a Jan 31 anchor ends Mar 31).
 */
export function nextPeriodEnd(start: Date, interval: BillingInterval, anchorDay = start.getUTCDate()): Date {
  assertValidDate(start, 'start');
  assertAnchorDay(anchorDay);
  return shiftMonths(start, MONTHS_PER_INTERVAL[interval], anchorDay);
}

/**
 * The billing period of a subscription anchored at `anchor` that contains `at` (start inclusive, end
 * exclusive). Periods before the anchor are extrapolated the same way, so any instant has exactly one.
 */
export function periodContaining(anchor: Date, interval: BillingInterval, at: Date): BillingPeriod {
  assertValidDate(anchor, 'anchor');
  assertValidDate(at, 'at');
  const step = MONTHS_PER_INTERVAL[interval];
  const anchorDay = anchor.getUTCDate();
  const monthsApart = (at.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (at.getUTCMonth() - anchor.getUTCMonth());
  let index = Math.floor(monthsApart / step);
  const startOf = (i: number) => shiftMonths(anchor, i * step, anchorDay);
  // The month arithmetic is off by at most one period (day of month and time of day), so walk to it.
  while (startOf(index).getTime() > at.getTime()) index -= 1;
  while (startOf(index + 1).getTime() <= at.getTime()) index += 1;
  return { start: startOf(index), end: startOf(index + 1) };
}

/**
 * The period after `current` that contains `at`, when `at` is at or past `current.end`; `current` itself
 * otherwise. Subscriptions store no anchor, so the anchor day is the later day of the stored period's two
 * ends: a period clamped by a short month (Jan 31 → Feb 28) still rolls back to the 31st.
 */
export function rollPeriodForward(current: BillingPeriod, interval: BillingInterval, at: Date): BillingPeriod {
  assertValidDate(at, 'at');
  const anchorDay = Math.max(current.start.getUTCDate(), current.end.getUTCDate());
  let period = current;
  while (period.end.getTime() <= at.getTime()) {
    period = { start: period.end, end: nextPeriodEnd(period.end, interval, anchorDay) };
  }
  return period;
}
