import type { CouponDuration, CouponKind } from '@warbler/console/data-access';
import { formatMoney } from '../money';

/** The terms a coupon or a tenant's discount shows: what it takes off and for how long. */
export interface DiscountTermsView {
  kind: CouponKind;
  percentOff?: string | null;
  amountOffMinor?: string | null;
  currency?: string | null;
  duration: CouponDuration;
  durationPeriods?: number | null;
}

/** "25% off", "$10.00 off". */
export function discountAmount(terms: DiscountTermsView, locale?: string): string {
  if (terms.kind === 'PERCENTAGE') return `${Number(terms.percentOff ?? '0').toString()}% off`;
  return `${formatMoney(terms.amountOffMinor ?? '0', terms.currency ?? 'USD', locale)} off`;
}

/** "once", "for 3 periods", "forever". */
export function discountDuration(terms: DiscountTermsView): string {
  if (terms.duration === 'ONCE') return 'once';
  if (terms.duration === 'FOREVER') return 'forever';
  const periods = terms.durationPeriods ?? 0;
  return `for ${periods} ${periods === 1 ? 'period' : 'periods'}`;
}

/** What is left of a discount: "Applies to the next invoice", "2 more invoices", "Every invoice". */
export function periodsLeftText(periodsLeft: number | null): string {
  if (periodsLeft === null) return 'Every invoice';
  if (periodsLeft === 1) return 'The next invoice';
  return `The next ${periodsLeft} invoices`;
}
