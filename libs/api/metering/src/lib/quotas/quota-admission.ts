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
 * Decides the events of one metric in input order, as if each had been sent alone: an event is
 * admitted when the total it would leave stays within a HARD limit, so a batch never overshoots and
 * a smaller later event may still fit after a larger one was refused. COUNT, SUM and UNIQUE_COUNT
 * compare the running total (UNIQUE_COUNT counts only values new to the period); MAX and LATEST
 * compare the event's own quantity, the level it would set. SOFT quotas admit everything and flag
 * what lies past the limit. `judge` decides without counting, so a later check (the spending cap)
 * can still refuse an event the quota admits; `count` then counts it.
 */
export class QuotaCounter {
  private readonly seen: Set<string>;
  private used: Decimal;

  constructor(
    private readonly standing: PeriodStanding,
    private readonly periodEnd: Date,
  ) {
    this.seen = new Set(standing.knownValues);
    this.used = standing.value;
  }

  judge(event: MeterableEvent): Admission {
    const { metric, quantity } = event;
    const isLevel = metric.aggregation === 'MAX' || metric.aggregation === 'LATEST';
    const newUniqueValue = event.uniqueValue !== null && !this.seen.has(event.uniqueValue);
    const adds = this.addsOf(event, newUniqueValue);
    const measured = isLevel ? quantity : this.used.plus(adds);
    const quota = metric.quota;
    const past = quota !== null && measured.gt(quota.limit) && (isLevel || adds.gt(0));
    if (past && quota.enforcement === 'HARD') {
      return {
        admitted: false,
        refusal: {
          metric: metric.code,
          limit: decimalText(quota.limit),
          used: decimalText(isLevel ? this.standing.value : this.used),
          resets_at: this.periodEnd.toISOString(),
        },
      };
    }
    return { admitted: true, overQuota: past, newUniqueValue };
  }

  count(event: MeterableEvent, admission: Admission & { admitted: true }): void {
    this.used = this.used.plus(this.addsOf(event, admission.newUniqueValue));
    if (admission.newUniqueValue && event.uniqueValue !== null) this.seen.add(event.uniqueValue);
  }

  private addsOf(event: MeterableEvent, newUniqueValue: boolean): Decimal {
    const { aggregation } = event.metric;
    if (aggregation === 'MAX' || aggregation === 'LATEST') return ZERO;
    if (aggregation === 'UNIQUE_COUNT') return newUniqueValue ? ONE : ZERO;
    return event.quantity;
  }
}
