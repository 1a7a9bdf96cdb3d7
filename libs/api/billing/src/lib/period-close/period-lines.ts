import {
  type BillingPeriod,
  type FixedTerms,
  fixedFeeLines,
  type InvoiceLineDraft,
  prorationLines,
  usageLines,
  type UsageTerms,
} from '@warbler/shared/pricing';

/** Everything a period's invoice is priced from, read at close. */
export interface PeriodCharges {
  fixed: FixedTerms;
  /** Active members holding a seat when the period closed. */
  seats: number;
  usage: UsageTerms;
  /** Each charged metric's period total, by metric code; a metric without usage is absent. */
  usageTotals: ReadonlyMap<string, string>;
  metricNames: ReadonlyMap<string, string>;
}

/**
 * The fixed fees of a period under the trial rule. A period that ends on or before the trial's end
 * is free of fixed fees; one in which the trial ends pays them for the time after it, prorated by
 * seconds like a plan change from a free version (usage is billed either way).
 */
function fixedLines(charges: PeriodCharges, period: BillingPeriod, trialEndsAt: Date | null): InvoiceLineDraft[] {
  const { fixed, seats } = charges;
  if (!trialEndsAt || trialEndsAt.getTime() <= period.start.getTime()) return fixedFeeLines(fixed, seats, period);
  if (period.end.getTime() <= trialEndsAt.getTime()) return [];
  // A distinct id makes it a change of version, so the base fee is charged too, not only the seats.
  const trial: FixedTerms = {
    ...fixed,
    planVersionId: `${fixed.planVersionId}:trial`,
    baseFeeMinor: '0',
    seatUnitPrice: '0',
  };
  return prorationLines({ from: trial, fromSeats: seats, to: fixed, toSeats: seats, period, at: trialEndsAt }).map(
    (line) => ({ ...line, explain: { ...line.explain, trialEndsAt: trialEndsAt.toISOString() } }),
  );
}

/** The lines of a period's invoice, in order: fixed fees, then each charge's usage tier by tier. */
export function periodLines(
  charges: PeriodCharges,
  period: BillingPeriod,
  trialEndsAt: Date | null,
): InvoiceLineDraft[] {
  return [
    ...fixedLines(charges, period, trialEndsAt),
    ...usageLines(charges.usage, charges.usageTotals, period, charges.metricNames),
  ];
}
