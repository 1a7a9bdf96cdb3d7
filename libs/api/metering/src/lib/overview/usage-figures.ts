import type { MetricAggregation, QuotaEnforcement } from '@warbler/api/core';
import { Decimal, decimalText } from '../shared/decimals';
import { QuotaStatus, type QuotaStateModel, type UsageDayModel } from './usage-overview.model';

const DAY_MS = 86_400_000;
const WARNING_PERCENT = 80;

/** One 24-hour bucket of hourly rollups: the sum, the greatest and the newest of its hours. */
export interface DayRollup {
  day: number;
  total: Decimal;
  highest: Decimal;
  newest: Decimal;
}

/**
 * The period's days from its start up to now, each with its own value and the running
 * figure the console charts: a running total, or the running maximum or latest value.
 */
export function usageDays(
  aggregation: MetricAggregation,
  rollups: DayRollup[],
  periodStart: Date,
  periodEnd: Date,
  now: Date,
): UsageDayModel[] {
  const byDay = new Map(rollups.map((rollup) => [rollup.day, rollup]));
  const until = Math.min(now.getTime(), periodEnd.getTime() - 1);
  const dayCount = Math.max(0, Math.floor((until - periodStart.getTime()) / DAY_MS) + 1);
  const days: UsageDayModel[] = [];
  let running: Decimal | null = null;
  for (let day = 0; day < dayCount; day++) {
    const rollup = byDay.get(day);
    let value = new Decimal(0);
    if (rollup) {
      if (aggregation === 'MAX') {
        value = rollup.highest;
        running = running === null ? value : Decimal.max(running, value);
      } else if (aggregation === 'LATEST') {
        value = rollup.newest;
        running = value;
      } else {
        value = rollup.total;
        running = (running ?? new Decimal(0)).plus(value);
      }
    }
    days.push({
      date: new Date(periodStart.getTime() + day * DAY_MS),
      value: decimalText(value),
      cumulative: decimalText(running ?? 0),
    });
  }
  return days;
}

/** Where the period-to-date rate would end the period; null for levels (MAX, LATEST). */
export function projectedAtPeriodEnd(
  aggregation: MetricAggregation,
  used: Decimal,
  periodStart: Date,
  periodEnd: Date,
  now: Date,
): string | null {
  if (aggregation === 'MAX' || aggregation === 'LATEST') return null;
  const elapsed = Math.min(now.getTime(), periodEnd.getTime()) - periodStart.getTime();
  if (elapsed <= 0) return decimalText(used);
  const length = periodEnd.getTime() - periodStart.getTime();
  return decimalText(used.times(length).dividedBy(elapsed).toDecimalPlaces(12));
}

export function quotaState(
  limit: Decimal,
  enforcement: QuotaEnforcement,
  used: Decimal,
  resetsAt: Date,
): QuotaStateModel {
  const percentUsed = limit.isZero() ? (used.gt(0) ? 100 : 0) : used.times(100).dividedBy(limit).toNumber();
  let status = QuotaStatus.OK;
  if (enforcement === 'HARD' && used.gte(limit)) status = QuotaStatus.EXCEEDED;
  else if (enforcement === 'SOFT' && used.gt(limit)) status = QuotaStatus.OVERAGE;
  else if (percentUsed >= WARNING_PERCENT) status = QuotaStatus.WARNING;
  return {
    limit: decimalText(limit),
    enforcement,
    used: decimalText(used),
    remaining: decimalText(Decimal.max(0, limit.minus(used))),
    percentUsed: Math.round(percentUsed * 100) / 100,
    status,
    resetsAt,
  };
}
