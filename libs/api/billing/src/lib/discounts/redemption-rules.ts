import type { Prisma } from '@warbler/api/core';
import { randomUUID } from 'node:crypto';
import { DiscountStatus } from './discount.model';
import {
  alreadyRedeemed,
  couponArchived,
  couponExpired,
  couponNotFound,
  currencyMismatch,
  planNotEligible,
  redemptionLimitReached,
  tenantNotFound,
} from './discount-errors';
import { REDEMPTION_INCLUDE, type RedemptionRow, statusOf } from './discount-rows';

type Tx = Prisma.TransactionClient;

export interface Redeemer {
  tenantId: string;
  userId: string;
  /** Finance or a platform admin applying the coupon, rather than a tenant admin redeeming the code. */
  staff: boolean;
}

export interface Redemption {
  row: RedemptionRow;
  /** False when the tenant already held this discount, active: a retry, answered with what it made. */
  created: boolean;
}

interface LockedCoupon {
  id: string;
  code: string;
  kind: 'PERCENTAGE' | 'FIXED_AMOUNT';
  currency: string | null;
  archived_at: Date | null;
  redeem_by: Date | null;
  max_redemptions: number | null;
  times_redeemed: number;
}

/**
 * Redeems a coupon for a tenant inside the caller's transaction: the tenant's own (a tenant admin,
 * under row-level security) or the platform's (staff). The coupon row is locked first, so redemptions
 * of one coupon take turns: the redemption limit is read and counted under that lock (and a check
 * constraint refuses a count past it), and a retry racing its first attempt finds what it made.
 * `code` is upper case already.
 */
export async function redeemCoupon(tx: Tx, code: string, redeemer: Redeemer, now: Date): Promise<Redemption> {
  const [coupon] = await tx.$queryRaw<LockedCoupon[]>`
    SELECT id::text, code, kind::text, currency, archived_at, redeem_by, max_redemptions, times_redeemed
      FROM coupons WHERE code = ${code} FOR UPDATE`;
  if (!coupon) throw couponNotFound();
  if (coupon.archived_at) throw redeemer.staff ? couponArchived(coupon.code) : couponNotFound();

  const subscription = await tx.subscription.findUnique({
    where: { tenantId: redeemer.tenantId },
    select: { planVersion: { select: { planId: true, currency: true } } },
  });
  if (!subscription) throw tenantNotFound();

  const earlier = await tx.couponRedemption.findUnique({
    where: { tenantId_couponId: { tenantId: redeemer.tenantId, couponId: coupon.id } },
    include: REDEMPTION_INCLUDE,
  });
  if (earlier) {
    if (statusOf(earlier) !== DiscountStatus.ACTIVE) throw alreadyRedeemed(coupon.code);
    return { row: earlier, created: false };
  }

  if (coupon.redeem_by && coupon.redeem_by.getTime() <= now.getTime())
    throw couponExpired(coupon.code, coupon.redeem_by);
  if (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions) {
    throw redemptionLimitReached(coupon.code);
  }
  const plans = await tx.couponPlan.findMany({ where: { couponId: coupon.id }, select: { planId: true } });
  const { planVersion } = subscription;
  if (plans.length > 0 && !plans.some(({ planId }) => planId === planVersion.planId)) {
    throw planNotEligible(coupon.code);
  }
  if (coupon.kind === 'FIXED_AMOUNT' && coupon.currency !== planVersion.currency) {
    throw currencyMismatch(coupon.code, coupon.currency ?? '', planVersion.currency);
  }

  await tx.$executeRaw`UPDATE coupons SET times_redeemed = times_redeemed + 1 WHERE id = ${coupon.id}::uuid`;
  const row = await tx.couponRedemption.create({
    data: {
      tenantId: redeemer.tenantId,
      id: randomUUID(),
      couponId: coupon.id,
      redeemedByUserId: redeemer.userId,
      appliedByStaff: redeemer.staff,
      redeemedAt: now,
    },
    include: REDEMPTION_INCLUDE,
  });
  return { row, created: true };
}
