import type { AuditState } from '@warbler/api/audit';
import type { Prisma } from '@warbler/api/core';
import { type CouponModel, type DiscountModel, DiscountStatus } from './discount.model';

export const COUPON_INCLUDE = {
  plans: { include: { plan: { select: { id: true, code: true, name: true } } }, orderBy: { plan: { code: 'asc' } } },
} as const satisfies Prisma.CouponInclude;

export type CouponRow = Prisma.CouponGetPayload<{ include: typeof COUPON_INCLUDE }>;

export const REDEMPTION_INCLUDE = {
  coupon: { include: COUPON_INCLUDE },
} as const satisfies Prisma.CouponRedemptionInclude;

export type RedemptionRow = Prisma.CouponRedemptionGetPayload<{ include: typeof REDEMPTION_INCLUDE }>;

/** Periods a redemption still applies to; null for FOREVER. */
export function periodsLeftOf(row: RedemptionRow): number | null {
  const { duration, durationPeriods } = row.coupon;
  if (duration === 'FOREVER') return null;
  const periods = duration === 'ONCE' ? 1 : (durationPeriods ?? 0);
  return Math.max(0, periods - row.periodsUsed);
}

export function statusOf(row: RedemptionRow): DiscountStatus {
  if (row.removedAt) return DiscountStatus.REMOVED;
  return periodsLeftOf(row) === 0 ? DiscountStatus.ENDED : DiscountStatus.ACTIVE;
}

export function toCoupon(row: CouponRow): CouponModel {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    percentOff: row.percentOff?.toFixed() ?? null,
    amountOffMinor: row.amountOffMinor?.toString() ?? null,
    currency: row.currency,
    duration: row.duration,
    durationPeriods: row.durationPeriods,
    plans: row.plans.map(({ plan }) => plan),
    maxRedemptions: row.maxRedemptions,
    timesRedeemed: row.timesRedeemed,
    redeemBy: row.redeemBy,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
  };
}

export function toDiscount(row: RedemptionRow): DiscountModel {
  const { coupon } = row;
  return {
    id: row.id,
    tenantId: row.tenantId,
    couponId: coupon.id,
    couponCode: coupon.code,
    couponName: coupon.name,
    kind: coupon.kind,
    percentOff: coupon.percentOff?.toFixed() ?? null,
    amountOffMinor: coupon.amountOffMinor?.toString() ?? null,
    currency: coupon.currency,
    duration: coupon.duration,
    durationPeriods: coupon.durationPeriods,
    eligiblePlans: coupon.plans.map(({ plan }) => plan),
    status: statusOf(row),
    periodsUsed: row.periodsUsed,
    periodsLeft: periodsLeftOf(row),
    redeemedAt: row.redeemedAt,
    appliedByStaff: row.appliedByStaff,
    removedAt: row.removedAt,
    removalReason: row.removalReason,
  };
}

/** Coupons in the platform audit log. */
export function couponDetails(row: CouponRow): Record<string, unknown> {
  const coupon = toCoupon(row);
  return { ...coupon, plans: coupon.plans.map((plan) => plan.code) };
}

/** A discount in the tenant's audit log. */
export function discountState(row: RedemptionRow): AuditState {
  return {
    couponCode: row.coupon.code,
    couponName: row.coupon.name,
    kind: row.coupon.kind,
    percentOff: row.coupon.percentOff?.toFixed() ?? null,
    amountOffMinor: row.coupon.amountOffMinor?.toString() ?? null,
    currency: row.coupon.currency,
    duration: row.coupon.duration,
    durationPeriods: row.coupon.durationPeriods,
    appliedByStaff: row.appliedByStaff,
    status: statusOf(row),
    periodsUsed: row.periodsUsed,
    removedAt: row.removedAt,
    removalReason: row.removalReason,
  };
}

export const DiscountAction = {
  redeemed: 'discount.redeemed',
  applied: 'discount.applied',
  removed: 'discount.removed',
} as const;

export const CouponAction = { created: 'coupon.created', archived: 'coupon.archived' } as const;

export const DISCOUNT_TARGET = 'Discount';
export const COUPON_TARGET = 'Coupon';
