import { chargeSpendMinor, formatMinor, type PricedCharge } from '@warbler/shared/pricing';
import type { MeterableEvent } from '../ingestion/event-screening';
import type { PeriodTotal } from '../rollups/period-totals';
import { Decimal } from '../shared/decimals';
import type { SpendingCapRefusal } from '../shared/usage-results';
import type { SpendingWatch } from './spending-watch';

/** What an event would make of its metric's period total and of the period's spend. */
export interface SpendingStep {
  metricId: string;
  level: PeriodTotal;
  costMinor: bigint;
  spentAfterMinor: bigint;
}

/**
 * The period's spend, event by event: each metric's period total moves as the rollup will move it
 * (add, count a new value, keep the greatest, keep the latest), and the spend is the sum of each
 * charged metric's price on its total, rounded as on the invoice. An event is refused by the cap when
 * it would raise the spend above the cap; one that costs nothing (within included units, a level
 * below the highest) is never refused, and the event that lands exactly on the cap is admitted.
 */
export class SpendingMeter {
  private readonly levels = new Map<string, PeriodTotal>();
  private readonly costs = new Map<string, bigint>();
  private spent = 0n;

  constructor(
    private readonly watch: SpendingWatch,
    totals: ReadonlyMap<string, PeriodTotal>,
    private readonly periodEnd: Date,
  ) {
    for (const [metricId, charge] of watch.charges) {
      const level = totals.get(metricId) ?? { value: new Decimal(0), eventCount: 0n, latestAt: null };
      const cost = chargeSpendMinor(charge, level.value, watch.currency);
      this.levels.set(metricId, level);
      this.costs.set(metricId, cost);
      this.spent += cost;
    }
  }

  get spentMinor(): bigint {
    return this.spent;
  }

  get currency(): string {
    return this.watch.currency;
  }

  /** The step the event would take; null for a metric the plan does not charge. */
  judge(event: MeterableEvent, newUniqueValue: boolean): SpendingStep | null {
    const metricId = event.metric.id;
    const charge: PricedCharge | undefined = this.watch.charges.get(metricId);
    const level = this.levels.get(metricId);
    if (!charge || !level) return null;
    const after = levelAfter(level, event, newUniqueValue);
    const costMinor = chargeSpendMinor(charge, after.value, this.watch.currency);
    return {
      metricId,
      level: after,
      costMinor,
      spentAfterMinor: this.spent - (this.costs.get(metricId) ?? 0n) + costMinor,
    };
  }

  /** Why the cap refuses the step, or null when it may be taken. */
  refusal(step: SpendingStep | null): SpendingCapRefusal | null {
    const cap = this.watch.capMinor;
    if (!step || cap === null || step.spentAfterMinor <= cap || step.spentAfterMinor <= this.spent) return null;
    return {
      cap_minor: cap.toString(),
      spent_minor: this.spent.toString(),
      currency: this.watch.currency,
      resets_at: this.periodEnd.toISOString(),
    };
  }

  take(step: SpendingStep | null): void {
    if (!step) return;
    this.spent = step.spentAfterMinor;
    this.costs.set(step.metricId, step.costMinor);
    this.levels.set(step.metricId, step.level);
  }
}

function levelAfter(level: PeriodTotal, event: MeterableEvent, newUniqueValue: boolean): PeriodTotal {
  const at = event.submitted.occurredAt;
  const { quantity } = event;
  const eventCount = level.eventCount + 1n;
  const latestAt = level.latestAt && level.latestAt > at ? level.latestAt : at;
  switch (event.metric.aggregation) {
    case 'MAX':
      return { value: level.eventCount === 0n ? quantity : Decimal.max(level.value, quantity), eventCount, latestAt };
    case 'LATEST':
      return { value: !level.latestAt || at >= level.latestAt ? quantity : level.value, eventCount, latestAt };
    case 'UNIQUE_COUNT':
      return { value: newUniqueValue ? level.value.plus(1) : level.value, eventCount, latestAt };
    default:
      return { value: level.value.plus(quantity), eventCount, latestAt };
  }
}

/** "The spending cap of 50.00 USD for this period is reached: 49.80 USD spent so far ..." */
export function capMessage(refusal: SpendingCapRefusal): string {
  const money = (minor: string) => `${formatMinor(BigInt(minor), refusal.currency)} ${refusal.currency}`;
  return (
    `The spending cap of ${money(refusal.cap_minor)} for this period would be passed: ` +
    `${money(refusal.spent_minor)} spent so far; it resets at ${refusal.resets_at}`
  );
}
