import {
  type FixedTerms,
  fixedFeeLines,
  type InvoiceLineDraft,
  type InvoiceTotals,
  prorationLines,
  totalsOf,
  usageLines,
  type UsageTerms,
} from './invoice-composition';
import { type DiscountTerms, discountLines } from './discounts';
import { minimumCommitmentLines } from './commitments';
import type { BillingPeriod } from './periods';

/** What a subscription pays fixed fees for: a plan version's fixed part and the seats paid for. */
export interface SubscriptionTerms {
  fixed: FixedTerms;
  seats: number;
}

/** A change of terms at `at`, as recorded in subscription_changes. */
export interface TermsChange {
  at: Date;
  to: SubscriptionTerms;
  /** The change moved a subscription that never had a trial onto a version with one: the trial starts at `at`. */
  startsTrial?: boolean;
}

export interface PeriodInvoiceInput {
  period: BillingPeriod;
  /** The terms in effect just before the period began. */
  startTerms: SubscriptionTerms;
  /**
   * The changes of the period, oldest first. A change at the period's start is not prorated: it
   * defines the terms the period starts on. Changes outside the period are ignored.
   */
  changes: readonly TermsChange[];
  /** While a trial runs, fixed fees are waived; usage is billed either way. */
  trialEndsAt: Date | null;
  /** The usage charges of the version in effect when the period closes, and the period's totals by metric code. */
  usage: UsageTerms;
  usageTotals: ReadonlyMap<string, string>;
  metricNames?: ReadonlyMap<string, string>;
  taxRatePercent?: string | null;
  /**
   * The tenant's minimum commitment for a whole period, in minor units of the invoice's currency (null:
   * none): a true-up line makes up any shortfall of the lines above (docs/commitments-and-caps.md).
   */
  minimumCommitmentMinor?: string | null;
  /** The tenant's discounts that apply to this invoice, in redemption order (see discountLines). */
  discounts?: readonly DiscountTerms[];
}

export interface PeriodInvoice {
  currency: string;
  /** Fixed fees of the starting terms, the proration lines of each change in order, usage, then discounts. */
  lines: InvoiceLineDraft[];
  /** The lines each change of `input.changes` added, by index (none for a change at the period's start). */
  linesByChange: InvoiceLineDraft[][];
  totals: InvoiceTotals;
}

/** A trial runs from its start (or from before the period) until `endsAt`, exclusive. */
interface Trial {
  startsAt: number;
  endsAt: number;
}

/** The same terms with their fixed fees waived. A distinct id makes leaving the trial a change of version. */
function waived(terms: SubscriptionTerms): SubscriptionTerms {
  return {
    seats: terms.seats,
    fixed: {
      ...terms.fixed,
      planVersionId: `${terms.fixed.planVersionId}:trial`,
      baseFeeMinor: '0',
      seatUnitPrice: '0',
    },
  };
}

function trialOf(input: PeriodInvoiceInput): Trial | null {
  if (!input.trialEndsAt) return null;
  const started = input.changes.find((change) => change.startsTrial);
  return {
    startsAt: started ? started.at.getTime() : Number.NEGATIVE_INFINITY,
    endsAt: input.trialEndsAt.getTime(),
  };
}

/** Whether the trial covers the instant just after `at` (after) or just before it (before). */
function inTrial(trial: Trial | null, at: number, side: 'before' | 'after'): boolean {
  if (!trial) return false;
  return side === 'after' ? trial.startsAt <= at && at < trial.endsAt : trial.startsAt < at && at <= trial.endsAt;
}

/**
 * A period's invoice, the one rule for every invoice and every estimate: the fixed fees of the
 * terms in effect at the period's start, then each change inside the period prorated by seconds
 * (a credit for the unused time of the old terms, a charge for the rest on the new ones), then the
 * usage priced on the version in effect at close, then a true-up to the minimum commitment if the
 * charges fall short of it, then the tenant's discounts on what that comes to,
 * then tax on the discounted subtotal. A trial is a stretch of
 * waived fixed fees: one that ends inside the period charges the rest of it like a change from a
 * free version, one that starts inside it credits the rest like a change to one.
 */
export function composePeriodInvoice(input: PeriodInvoiceInput): PeriodInvoice {
  const { period } = input;
  const start = period.start.getTime();
  const end = period.end.getTime();
  const trial = trialOf(input);
  const effective = (terms: SubscriptionTerms, at: number, side: 'before' | 'after') =>
    inTrial(trial, at, side) ? waived(terms) : terms;

  let terms = input.startTerms;
  for (const change of input.changes) if (change.at.getTime() <= start) terms = change.to;
  const lines = fixedFeeLines(effective(terms, start, 'after').fixed, terms.seats, period);

  const changesAt = new Map<number, number[]>();
  input.changes.forEach((change, index) => {
    const at = change.at.getTime();
    if (at > start && at < end) changesAt.set(at, [...(changesAt.get(at) ?? []), index]);
  });
  const instants = [...changesAt.keys()];
  const trialEnd = trial?.endsAt;
  if (trialEnd !== undefined && trialEnd > start && trialEnd < end && !changesAt.has(trialEnd)) instants.push(trialEnd);

  const linesByChange: InvoiceLineDraft[][] = input.changes.map(() => []);
  for (const at of instants.sort((a, b) => a - b)) {
    const from = effective(terms, at, 'before');
    const indexes = changesAt.get(at) ?? [];
    for (const index of indexes) terms = input.changes[index].to;
    const to = effective(terms, at, 'after');
    const instant = new Date(at);
    const prorated = prorationLines({
      from: from.fixed,
      fromSeats: from.seats,
      to: to.fixed,
      toSeats: to.seats,
      period,
      at: instant,
    }).map((line) =>
      at === trialEnd ? { ...line, explain: { ...line.explain, trialEndsAt: instant.toISOString() } } : line,
    );
    lines.push(...prorated);
    if (indexes.length > 0) linesByChange[indexes[indexes.length - 1]] = prorated;
  }

  lines.push(...usageLines(input.usage, input.usageTotals, period, input.metricNames));
  if (input.minimumCommitmentMinor) {
    lines.push(
      ...minimumCommitmentLines({
        commitmentMinor: input.minimumCommitmentMinor,
        currency: input.usage.currency,
        period,
        chargedMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0n),
        waived: trial && { start: new Date(Math.max(trial.startsAt, start)), end: new Date(trial.endsAt) },
      }),
    );
  }
  const currency = input.usage.currency;
  const beforeDiscounts = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
  lines.push(...discountLines(input.discounts ?? [], beforeDiscounts, currency, period));
  return { currency, lines, linesByChange, totals: totalsOf(lines, currency, input.taxRatePercent) };
}
