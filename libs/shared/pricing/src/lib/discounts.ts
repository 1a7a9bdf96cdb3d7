import Decimal from 'decimal.js';
import { minorUnitsOf } from './currencies';
import type { InvoiceLineDraft } from './invoice-composition';
import { formatMinor, minorToMajor, PricingDecimal, roundToMinor } from './money';
import type { BillingPeriod } from './periods';

export type DiscountKind = 'PERCENTAGE' | 'FIXED_AMOUNT';
export type DiscountDuration = 'ONCE' | 'REPEATING' | 'FOREVER';

/** A coupon redeemed by a tenant, as one invoice applies it. */
export interface DiscountTerms {
  redemptionId: string;
  couponId: string;
  couponCode: string;
  couponName: string;
  kind: DiscountKind;
  /** PERCENTAGE: decimal text, above 0 and at most 100. */
  percentOff: string | null;
  /** FIXED_AMOUNT: whole minor units of `currency`, above 0. */
  amountOffMinor: string | null;
  /** FIXED_AMOUNT: the currency of `amountOffMinor`; it must be the invoice's. */
  currency: string | null;
  duration: DiscountDuration;
  /**
   * Periods the discount still applies to, this invoice included (1 for a ONCE coupon not used yet);
   * null for FOREVER.
   */
  periodsLeft: number | null;
}

/** Percentages carry at most this many decimals (coupons.percent_off is numeric(7, 4)). */
const PERCENT_DECIMALS = 4;
const PERCENT_SYNTAX = /^\d{1,3}(\.\d+)?$/;

export type PercentOffParse = { ok: true; percentOff: string } | { ok: false; message: string };

/** A coupon's percentage: above 0, at most 100, up to four decimals ("12.5", "100"); spaces around are ignored. */
export function parsePercentOff(raw: string): PercentOffParse {
  const text = raw.trim();
  const refused: PercentOffParse = {
    ok: false,
    message: 'The percentage must be above 0 and at most 100, with up to 4 decimals',
  };
  if (!PERCENT_SYNTAX.test(text)) return refused;
  const value = new Decimal(text);
  if (value.lte(0) || value.gt(100) || value.decimalPlaces() > PERCENT_DECIMALS) return refused;
  return { ok: true, percentOff: value.toFixed() };
}

/** How a discount reads on an invoice and in lists: "25% off", "10.00 USD off". */
export function discountSummary(terms: Pick<DiscountTerms, 'kind' | 'percentOff' | 'amountOffMinor' | 'currency'>) {
  if (terms.kind === 'PERCENTAGE') return `${new Decimal(terms.percentOff ?? '0').toFixed()}% off`;
  const currency = terms.currency ?? '';
  return `${formatMinor(BigInt(terms.amountOffMinor ?? '0'), currency)} ${currency} off`;
}

/** Periods left after this invoice: one fewer, or null for FOREVER. */
export function periodsLeftAfter(terms: Pick<DiscountTerms, 'periodsLeft'>): number | null {
  return terms.periodsLeft === null ? null : terms.periodsLeft - 1;
}

function checkTerms(terms: DiscountTerms, currency: string): void {
  if (terms.periodsLeft !== null && (!Number.isInteger(terms.periodsLeft) || terms.periodsLeft < 1)) {
    throw new RangeError(`discount ${terms.couponCode} has no period left to apply to`);
  }
  if (terms.kind === 'PERCENTAGE') {
    const parsed = parsePercentOff(terms.percentOff ?? '');
    if (!parsed.ok) throw new RangeError(`discount ${terms.couponCode}: ${parsed.message}`);
    return;
  }
  if (terms.currency !== currency) {
    throw new RangeError(`discount ${terms.couponCode} is in ${terms.currency}, the invoice in ${currency}`);
  }
  if (!/^[1-9]\d*$/.test(terms.amountOffMinor ?? '')) {
    throw new RangeError(`discount ${terms.couponCode} must take a whole number of minor units above 0`);
  }
}

/**
 * The DISCOUNT lines (zero or negative) of an invoice whose lines so far add up to `subtotalMinor`:
 * each discount in the order given (the redemption order) applies to what the ones before it left,
 * so the subtotal never goes below zero. A percentage is rounded once, half-even, per line; a fixed
 * amount takes at most what is left. A discount that applies always gets its line, 0 when nothing is
 * left, because it uses one of its periods either way.
 */
export function discountLines(
  discounts: readonly DiscountTerms[],
  subtotalMinor: bigint,
  currency: string,
  period: BillingPeriod,
): InvoiceLineDraft[] {
  const digits = minorUnitsOf(currency);
  let leftMinor = subtotalMinor > 0n ? subtotalMinor : 0n;
  return discounts.map((terms) => {
    checkTerms(terms, currency);
    const baseMinor = leftMinor;
    let offMinor: bigint;
    let unrounded: string | null = null;
    if (terms.kind === 'PERCENTAGE') {
      const exact = minorToMajor(baseMinor, currency)
        .times(new PricingDecimal(terms.percentOff as string))
        .div(100);
      unrounded = exact.toFixed();
      offMinor = roundToMinor(exact, currency);
    } else {
      const amountOffMinor = BigInt(terms.amountOffMinor as string);
      offMinor = amountOffMinor < baseMinor ? amountOffMinor : baseMinor;
    }
    // Half-even rounding of at most 100 % of a whole number of minor units never passes it; the cap says so.
    if (offMinor > baseMinor) offMinor = baseMinor;
    leftMinor = baseMinor - offMinor;
    const amountMinor = -offMinor;
    return {
      kind: 'DISCOUNT',
      description: `${terms.couponName} (coupon ${terms.couponCode}, ${discountSummary(terms)})`,
      metricCode: null,
      tierIndex: null,
      quantity: '1',
      unitPrice: minorToMajor(amountMinor, currency).toFixed(digits),
      amountMinor,
      periodStart: period.start,
      periodEnd: period.end,
      explain: {
        redemptionId: terms.redemptionId,
        couponId: terms.couponId,
        couponCode: terms.couponCode,
        kind: terms.kind,
        percentOff: terms.percentOff,
        amountOffMinor: terms.amountOffMinor,
        currency,
        baseMinor: baseMinor.toString(),
        unroundedAmount: unrounded,
        duration: terms.duration,
        periodsLeft: periodsLeftAfter(terms),
      },
    };
  });
}
