import { randomUUID } from 'node:crypto';
import { ownerClient } from '@warbler/api/core/testing';

const COUPON = `id code name kind percentOff amountOffMinor currency duration durationPeriods plans { id code name }
  maxRedemptions timesRedeemed redeemBy archivedAt createdAt`;
const DISCOUNT = `id tenantId couponId couponCode couponName kind percentOff amountOffMinor currency duration
  durationPeriods eligiblePlans { id code name } status periodsUsed periodsLeft redeemedAt appliedByStaff removedAt
  removalReason`;

/** The discount operations as the console sends them. */
export const DiscountOps = {
  coupons: `query($first: Int, $after: String, $includeArchived: Boolean) {
    coupons(first: $first, after: $after, includeArchived: $includeArchived) {
      edges { cursor node { ${COUPON} } } pageInfo { hasNextPage endCursor } } }`,
  createCoupon: `mutation($input: CreateCouponInput!) { createCoupon(input: $input) { ${COUPON} } }`,
  archiveCoupon: `mutation($id: ID!) { archiveCoupon(id: $id) { ${COUPON} } }`,
  applyCoupon: `mutation($tenantId: ID!, $code: String!) { applyCoupon(tenantId: $tenantId, code: $code) { ${DISCOUNT} } }`,
  redeemCoupon: `mutation($code: String!) { redeemCoupon(code: $code) { ${DISCOUNT} } }`,
  removeDiscount: `mutation($tenantId: ID!, $id: ID!, $reason: String!) {
    removeDiscount(tenantId: $tenantId, id: $id, reason: $reason) { ${DISCOUNT} } }`,
  discounts: `query($includeEnded: Boolean) { discounts(includeEnded: $includeEnded) { ${DISCOUNT} } }`,
  tenantDiscounts: `query($tenantId: ID!, $includeEnded: Boolean) {
    tenantDiscounts(tenantId: $tenantId, includeEnded: $includeEnded) { ${DISCOUNT} } }`,
} as const;

export interface CouponView {
  id: string;
  code: string;
  name: string;
  kind: 'PERCENTAGE' | 'FIXED_AMOUNT';
  percentOff: string | null;
  amountOffMinor: string | null;
  currency: string | null;
  duration: 'ONCE' | 'REPEATING' | 'FOREVER';
  durationPeriods: number | null;
  plans: { id: string; code: string; name: string }[];
  maxRedemptions: number | null;
  timesRedeemed: number;
  redeemBy: string | null;
  archivedAt: string | null;
  createdAt: string;
}

export interface DiscountView {
  id: string;
  tenantId: string;
  couponId: string;
  couponCode: string;
  couponName: string;
  kind: 'PERCENTAGE' | 'FIXED_AMOUNT';
  percentOff: string | null;
  amountOffMinor: string | null;
  currency: string | null;
  duration: 'ONCE' | 'REPEATING' | 'FOREVER';
  durationPeriods: number | null;
  eligiblePlans: { id: string; code: string; name: string }[];
  status: 'ACTIVE' | 'ENDED' | 'REMOVED';
  periodsUsed: number;
  periodsLeft: number | null;
  redeemedAt: string;
  appliedByStaff: boolean;
  removedAt: string | null;
  removalReason: string | null;
}

export interface CouponFixture {
  code?: string;
  name?: string;
  kind?: 'PERCENTAGE' | 'FIXED_AMOUNT';
  percentOff?: string | null;
  amountOffMinor?: bigint | null;
  currency?: string | null;
  duration?: 'ONCE' | 'REPEATING' | 'FOREVER';
  durationPeriods?: number | null;
  planIds?: string[];
  maxRedemptions?: number | null;
  redeemBy?: Date | null;
  archivedAt?: Date | null;
}

/** A unique coupon code for a test: `prefix` and random letters, upper case. */
export const couponCode = (prefix = 'TEST') => `${prefix}-${randomUUID().slice(0, 8)}`.toUpperCase();

/** A coupon written as the owner (25 % off forever unless told otherwise), by a user the test names. */
export async function newCoupon(createdByUserId: string, fixture: CouponFixture = {}) {
  const kind = fixture.kind ?? 'PERCENTAGE';
  const duration = fixture.duration ?? 'FOREVER';
  return ownerClient().coupon.create({
    data: {
      id: randomUUID(),
      code: fixture.code ?? couponCode(),
      name: fixture.name ?? 'Test coupon',
      kind,
      percentOff: kind === 'PERCENTAGE' ? (fixture.percentOff ?? '25') : null,
      amountOffMinor: kind === 'FIXED_AMOUNT' ? (fixture.amountOffMinor ?? 1000n) : null,
      currency: kind === 'FIXED_AMOUNT' ? (fixture.currency ?? 'USD') : null,
      duration,
      durationPeriods: duration === 'REPEATING' ? (fixture.durationPeriods ?? 2) : null,
      maxRedemptions: fixture.maxRedemptions ?? null,
      redeemBy: fixture.redeemBy ?? null,
      archivedAt: fixture.archivedAt ?? null,
      createdByUserId,
      plans: { create: (fixture.planIds ?? []).map((planId) => ({ planId })) },
    },
  });
}
