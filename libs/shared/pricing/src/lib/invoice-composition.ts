import type Decimal from 'decimal.js';
import { minorUnitsOf } from './currencies';
import { normalizeDecimal, parseTermsDecimal } from './decimals';
import { minorToMajor, PricingDecimal, roundToMinor } from './money';
import type { BillingPeriod } from './periods';
import { prorateRemaining, prorationSeconds, type ProrationSeconds } from './proration';
import { type PricedCharge, priceUsage, type UsagePart, type UsagePricing } from './usage-charges';

export type InvoiceLineKind =
  | 'BASE_FEE'
  | 'SEATS'
  | 'USAGE'
  | 'PRORATION_CREDIT'
  | 'PRORATION_CHARGE'
  | 'MINIMUM_COMMITMENT'
  | 'DISCOUNT';

export interface InvoiceLineDraft {
  kind: InvoiceLineKind;
  /** Human text, e.g. "Seats above 5 included (3 × 8.00)". */
  description: string;
  metricCode: string | null;
  tierIndex: number | null;
  /** Decimal text. */
  quantity: string;
  /** Decimal text in major units. */
  unitPrice: string;
  /** Rounded once, half-even, from the unrounded amount. */
  amountMinor: bigint;
  periodStart: Date;
  periodEnd: Date;
  /** The inputs that produced the line, for an "explain" view. */
  explain: Record<string, string | number | null>;
}

/** The fixed part of a plan version: seat prices are major units per seat per billing period. */
export interface FixedTerms {
  planVersionId: string;
  /** Names the plan version in line descriptions, e.g. "Team v2". */
  label: string;
  currency: string;
  baseFeeMinor: string;
  seatUnitPrice: string;
  includedSeats: number;
}

export interface UsageTerms {
  planVersionId: string;
  currency: string;
  charges: readonly PricedCharge[];
}

/** A change of plan version or seat count at `at`, inside the current `period`. */
export interface PlanChange {
  from: FixedTerms;
  fromSeats: number;
  to: FixedTerms;
  toSeats: number;
  period: BillingPeriod;
  at: Date;
}

export interface InvoiceTotals {
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

/** A fixed fee for a whole period, before it is rounded or prorated. */
interface FixedItem {
  kind: 'BASE_FEE' | 'SEATS';
  /** What is charged, without the arithmetic: "Team v2 base fee", "Seats above 5 included". */
  subject: (withLabel: boolean) => string;
  arithmetic: string | null;
  quantity: string;
  unitPrice: string;
  fullAmount: Decimal;
  explain: Record<string, string | number | null>;
}

function checkCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
}

function nonNegativeDecimal(raw: string, name: string): Decimal {
  const parsed = parseTermsDecimal(raw);
  if (!parsed.ok) throw new RangeError(`${name} ${parsed.message}`);
  if (parsed.value.lt(0)) throw new RangeError(`${name} must be at least 0, got ${parsed.value.toFixed()}`);
  return new PricingDecimal(parsed.value);
}

/** Human digits: thousands grouped, at least `minDecimals` decimals ("8" → "8.00" in USD; "0.0004" stays). */
function display(value: Decimal.Value, minDecimals = 0): string {
  const decimal = new PricingDecimal(value);
  const [whole, fraction] = decimal.toFixed(Math.max(minDecimals, decimal.decimalPlaces())).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function fixedItems(terms: FixedTerms, seats: number): FixedItem[] {
  const digits = minorUnitsOf(terms.currency);
  if (!/^\d+$/.test(terms.baseFeeMinor)) {
    throw new RangeError(
      `baseFeeMinor must be a whole number of minor units, got ${JSON.stringify(terms.baseFeeMinor)}`,
    );
  }
  const seatUnitPrice = nonNegativeDecimal(terms.seatUnitPrice, 'seatUnitPrice');
  checkCount(terms.includedSeats, 'includedSeats');
  checkCount(seats, 'seats');
  const items: FixedItem[] = [];
  const baseFee = minorToMajor(BigInt(terms.baseFeeMinor), terms.currency);
  if (!baseFee.isZero()) {
    items.push({
      kind: 'BASE_FEE',
      subject: () => `${terms.label} base fee`,
      arithmetic: null,
      quantity: '1',
      unitPrice: baseFee.toFixed(),
      fullAmount: baseFee,
      explain: { planVersionId: terms.planVersionId, currency: terms.currency, baseFeeMinor: terms.baseFeeMinor },
    });
  }
  const billableSeats = Math.max(0, seats - terms.includedSeats);
  if (billableSeats > 0) {
    const above = terms.includedSeats > 0 ? ` above ${display(terms.includedSeats)} included` : '';
    items.push({
      kind: 'SEATS',
      subject: (withLabel) => `${withLabel ? `${terms.label} seats` : 'Seats'}${above}`,
      arithmetic: `${display(billableSeats)} × ${display(seatUnitPrice, digits)}`,
      quantity: String(billableSeats),
      unitPrice: seatUnitPrice.toFixed(),
      fullAmount: seatUnitPrice.times(billableSeats),
      explain: {
        planVersionId: terms.planVersionId,
        currency: terms.currency,
        seats,
        includedSeats: terms.includedSeats,
        billableSeats,
        seatUnitPrice: seatUnitPrice.toFixed(),
      },
    });
  }
  return items;
}

/** The base fee (none when it is 0) and the seats above the included ones (none when there are none) for a period. */
export function fixedFeeLines(terms: FixedTerms, seats: number, period: BillingPeriod): InvoiceLineDraft[] {
  return fixedItems(terms, seats).flatMap((item): InvoiceLineDraft[] => {
    const amountMinor = roundToMinor(item.fullAmount, terms.currency);
    if (amountMinor === 0n) return [];
    const subject = item.subject(false);
    return [
      {
        kind: item.kind,
        description: item.arithmetic ? `${subject} (${item.arithmetic})` : subject,
        metricCode: null,
        tierIndex: null,
        quantity: item.quantity,
        unitPrice: item.unitPrice,
        amountMinor,
        periodStart: period.start,
        periodEnd: period.end,
        explain: item.explain,
      },
    ];
  });
}

function usageDescription(
  name: string,
  pricing: UsagePricing,
  part: UsagePart,
  packageSize: string | null,
  digits: number,
) {
  const above = pricing.includedUnits === '0' ? '' : ` above ${display(pricing.includedUnits)} included`;
  let where = '';
  if (part.tierIndex !== null) where = `, tier ${part.tierIndex + 1}`;
  else if (packageSize !== null) where = `, packages of ${display(packageSize)}`;
  const flatFee = part.flatFee === '0' ? '' : ` + ${display(part.flatFee, digits)}`;
  return `${name}${above}${where} (${display(part.quantity)} × ${display(part.unitPrice, digits)}${flatFee})`;
}

/**
 * One USAGE line per priced part of each charge (one per tier reached for GRADUATED). A charge whose
 * metric has no usage, and a part that rounds to 0, give no line. `metricNames` names metrics in the
 * descriptions; the metric code stands in for a missing name.
 */
export function usageLines(
  terms: UsageTerms,
  usage: ReadonlyMap<string, string>,
  period: BillingPeriod,
  metricNames?: ReadonlyMap<string, string>,
): InvoiceLineDraft[] {
  const digits = minorUnitsOf(terms.currency);
  return terms.charges.flatMap((charge) => {
    const quantity = usage.get(charge.metricCode);
    if (quantity === undefined) return [];
    const pricing = priceUsage(charge, quantity);
    const name = metricNames?.get(charge.metricCode) ?? charge.metricCode;
    const packageSize = charge.model === 'PACKAGE' ? normalizeDecimal(charge.packageSize ?? '') : null;
    return pricing.parts.flatMap((part): InvoiceLineDraft[] => {
      const amountMinor = roundToMinor(part.amount, terms.currency);
      if (amountMinor === 0n) return [];
      return [
        {
          kind: 'USAGE',
          description: usageDescription(name, pricing, part, packageSize, digits),
          metricCode: charge.metricCode,
          tierIndex: part.tierIndex,
          quantity: part.quantity,
          unitPrice: part.unitPrice,
          amountMinor,
          periodStart: period.start,
          periodEnd: period.end,
          explain: {
            planVersionId: terms.planVersionId,
            currency: terms.currency,
            metricCode: charge.metricCode,
            model: charge.model,
            quantity: pricing.quantity,
            includedUnits: pricing.includedUnits,
            billableUnits: pricing.billableUnits,
            packageSize,
            tierIndex: part.tierIndex,
            fromUnits: part.fromUnits,
            upTo: part.upTo,
            unitPrice: part.unitPrice,
            flatFee: part.flatFee,
            unroundedAmount: part.amount.toFixed(),
          },
        },
      ];
    });
  });
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

function shareOfPeriod({ remainingSeconds, periodSeconds }: ProrationSeconds): string {
  if (remainingSeconds === periodSeconds) return 'the whole period';
  const divisor = greatestCommonDivisor(remainingSeconds, periodSeconds);
  return `${remainingSeconds / divisor}/${periodSeconds / divisor} of the period`;
}

/**
 * Prorates a change at `at` over the rest of the period: a credit (negative) for the unused time of
 * the old base fee and seats, a charge for the new ones. When the version stays, only the seats are
 * credited and charged again; when nothing changes there are no lines. Every line is prorated from its
 * full-period amount and rounded once, and a line that rounds to 0 is left out.
 */
export function prorationLines(change: PlanChange): InvoiceLineDraft[] {
  const { from, to, period, at } = change;
  if (from.currency !== to.currency) {
    throw new RangeError(`cannot prorate between currencies ${from.currency} and ${to.currency}`);
  }
  const seconds = prorationSeconds(period, at);
  const sameVersion = from.planVersionId === to.planVersionId;
  if (sameVersion && change.fromSeats === change.toSeats) return [];
  const share = shareOfPeriod(seconds);
  const split = new Date(Math.min(Math.max(at.getTime(), period.start.getTime()), period.end.getTime()));
  const sides = [
    { kind: 'PRORATION_CREDIT', terms: from, seats: change.fromSeats, sign: -1n, time: 'Unused time' },
    { kind: 'PRORATION_CHARGE', terms: to, seats: change.toSeats, sign: 1n, time: 'Remaining time' },
  ] as const;
  return sides.flatMap((side) =>
    fixedItems(side.terms, side.seats)
      .filter((item) => !sameVersion || item.kind === 'SEATS')
      .flatMap((item): InvoiceLineDraft[] => {
        const amountMinor = side.sign * roundToMinor(prorateRemaining(item.fullAmount, period, at), from.currency);
        if (amountMinor === 0n) return [];
        const detail = item.arithmetic ? `${share}, ${item.arithmetic}` : share;
        return [
          {
            kind: side.kind,
            description: `${side.time} on ${item.subject(true)} (${detail})`,
            metricCode: null,
            tierIndex: null,
            quantity: item.quantity,
            unitPrice: item.unitPrice,
            amountMinor,
            periodStart: split,
            periodEnd: period.end,
            explain: {
              ...item.explain,
              changedAt: at.toISOString(),
              remainingSeconds: seconds.remainingSeconds,
              periodSeconds: seconds.periodSeconds,
              fullPeriodAmount: item.fullAmount.toFixed(),
            },
          },
        ];
      }),
  );
}

/**
 * Subtotal, tax and total of rounded lines. Tax is computed once on the subtotal and rounded once; a
 * subtotal of 0 or below (a credit) carries no tax.
 */
export function totalsOf(
  lines: readonly InvoiceLineDraft[],
  currency: string,
  taxRatePercent?: string | null,
): InvoiceTotals {
  minorUnitsOf(currency);
  const rate = taxRatePercent == null ? new PricingDecimal(0) : nonNegativeDecimal(taxRatePercent, 'tax rate');
  const subtotalMinor = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
  const taxMinor =
    subtotalMinor > 0n ? roundToMinor(minorToMajor(subtotalMinor, currency).times(rate).div(100), currency) : 0n;
  return { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
}
