import { Decimal, decimalText } from '../shared/decimals';
import type { QuotaRefusal } from '../shared/usage-results';
import type { MeterableEvent } from '../ingestion/event-screening';

/** A metric's period total as locked for this batch. */
export interface PeriodStanding {
  value: Decimal;
  /** UNIQUE_COUNT only: the batch's values already counted in the period. */
  knownValues: Set<string>;
}

export type Admission =
  | { admitted: true; overQuota: boolean; newUniqueValue: boolean }
  | { admitted: false; refusal: QuotaRefusal };

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

/**
 * Decides each new event of one metric in input order, as if each had been sent alone:
 * an event is admitted when the total it would leave stays within a HARD limit, so a
 * batch never overshoots and a smaller later event may still fit after a larger one was
 * refused. COUNT, SUM and UNIQUE_COUNT compare the running total (UNIQUE_COUNT counts
 * only values new to the period); MAX and LATEST compare the event's own quantity, the
 * level it would set. SOFT quotas admit everything and flag what lies past the limit.
 */
export function admitEvents(events: MeterableEvent[], standing: PeriodStanding, periodEnd: Date): Admission[] {
  const seen = new Set(standing.knownValues);
  let used = standing.value;
  return events.map((event) => {
    const { metric, quantity } = event;
    const isLevel = metric.aggregation === 'MAX' || metric.aggregation === 'LATEST';
    const newUniqueValue = event.uniqueValue !== null && !seen.has(event.uniqueValue);
    const adds = isLevel ? ZERO : metric.aggregation === 'UNIQUE_COUNT' ? (newUniqueValue ? ONE : ZERO) : quantity;
    const measured = isLevel ? quantity : used.plus(adds);
    const quota = metric.quota;
    const past = quota !== null && measured.gt(quota.limit) && (isLevel || adds.gt(0));
    if (past && quota.enforcement === 'HARD') {
      return {
        admitted: false,
        refusal: {
          metric: metric.code,
          limit: decimalText(quota.limit),
          used: decimalText(isLevel ? standing.value : used),
          resets_at: periodEnd.toISOString(),
        },
      };
    }
    used = used.plus(adds);
    if (newUniqueValue && event.uniqueValue !== null) seen.add(event.uniqueValue);
    return { admitted: true, overQuota: past, newUniqueValue };
  });
}
