import type { UsageOverviewQuery } from '@warbler/console/data-access';

export type MetricUsage = UsageOverviewQuery['usageOverview']['metrics'][number];

/** One metric's period as the series a chart draws, one point per day of the period. */
export interface UsageChartData {
  /** UTC days of the whole period, `YYYY-MM-DD`. */
  days: string[];
  /** Usage on each day; null for days still to come. */
  daily: (number | null)[];
  /** Running total at the end of each day; null for days still to come. */
  cumulative: (number | null)[];
  /**
   * The period limit on every day, when the plan sets one and it is within reach: a limit many
   * times what the period will use would flatten the usage into the axis (the page states it).
   */
  quota: number[] | null;
  /** From today's total to the projected total on the last day; null elsewhere (the chart spans the gap). */
  projection: (number | null)[] | null;
}

const DAY_MS = 86_400_000;

/** A quota more than this many times the period's projected total is left off the chart. */
const QUOTA_IN_REACH = 4;

/**
 * The chart of one metric over [periodStart, periodEnd). Days the API did not report
 * (no usage) count as zero and carry the running total forward up to today; the days after
 * today stay empty so the projection has room.
 */
export function buildUsageChart(
  metric: MetricUsage,
  period: { periodStart: string; periodEnd: string },
  now: Date,
): UsageChartData {
  const days = daysOf(new Date(period.periodStart), new Date(period.periodEnd));
  const reported = new Map(metric.daily.map((day) => [dayKey(new Date(day.date)), day]));
  const today = dayKey(now);
  const todayIndex = lastIndexAtOrBefore(days, today);

  const daily: (number | null)[] = [];
  const cumulative: (number | null)[] = [];
  let runningTotal = 0;
  days.forEach((day, index) => {
    if (index > todayIndex) {
      daily.push(null);
      cumulative.push(null);
      return;
    }
    const entry = reported.get(day);
    if (entry) runningTotal = Number(entry.cumulative);
    daily.push(entry ? Number(entry.value) : 0);
    cumulative.push(runningTotal);
  });

  const projected = projectedTotal(metric, period, now);
  let projection: (number | null)[] | null = null;
  const lastIndex = days.length - 1;
  if (projected !== null && todayIndex >= 0 && todayIndex < lastIndex) {
    projection = days.map(() => null);
    projection[todayIndex] = cumulative[todayIndex];
    projection[lastIndex] = Number(projected.total);
  }

  const limit = metric.quota ? Number(metric.quota.limit) : null;
  const peak = Math.max(runningTotal, Number(projected?.total ?? 0));
  const quota = limit !== null && (peak === 0 || limit <= peak * QUOTA_IN_REACH) ? days.map(() => limit) : null;

  return { days, daily, cumulative, quota, projection };
}

/**
 * The projection worth showing, or null: none during the period's first day (a few hours say
 * little about a month), and never past a HARD limit, since usage beyond it is refused.
 */
export function projectedTotal(
  metric: MetricUsage,
  period: { periodStart: string },
  now: Date,
): { total: string; reachesLimit: boolean } | null {
  const projected = metric.projectedAtPeriodEnd;
  if (projected === null || now.getTime() - Date.parse(period.periodStart) < DAY_MS) return null;
  const quota = metric.quota;
  if (quota?.enforcement === 'HARD' && Number(projected) >= Number(quota.limit)) {
    return { total: quota.limit, reachesLimit: true };
  }
  return { total: projected, reachesLimit: false };
}

/** Whole days left until the period ends, counting a started day as left. */
export function daysLeft(periodEnd: string, now: Date): number {
  return Math.max(0, Math.ceil((new Date(periodEnd).getTime() - now.getTime()) / DAY_MS));
}

function daysOf(start: Date, end: Date): string[] {
  const days: string[] = [];
  // The end is exclusive: a period ending at midnight does not include that day.
  const last = dayKey(new Date(end.getTime() - 1));
  for (let day = dayKey(start); day <= last; day = dayKey(new Date(Date.parse(day) + DAY_MS))) days.push(day);
  return days;
}

function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function lastIndexAtOrBefore(days: string[], day: string): number {
  let found = -1;
  days.forEach((candidate, index) => {
    if (candidate <= day) found = index;
  });
  return found;
}
