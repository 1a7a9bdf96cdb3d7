import { badInput, conflict, DomainError, notFound } from '@warbler/api/core';

/**
 * A code nobody may redeem reads the same to a tenant whatever the reason (unknown, or archived), so
 * the answer reveals nothing about the platform's coupons.
 */
export const couponNotFound = () => notFound('Coupon');

export const discountNotFound = () => notFound('Discount');

export const tenantNotFound = () => notFound('Tenant');

/** Staff see why: an archived coupon is kept for the discounts it gave, but gives no new ones. */
export const couponArchived = (code: string) =>
  conflict(`Coupon ${code} is archived: it gives no new discounts`, 'COUPON_ARCHIVED');

export const couponExpired = (code: string, redeemBy: Date) =>
  new DomainError(
    'BAD_USER_INPUT',
    `Coupon ${code} could be redeemed until ${redeemBy.toISOString()}`,
    'COUPON_EXPIRED',
    {
      redeemBy: redeemBy.toISOString(),
    },
  );

export const redemptionLimitReached = (code: string) =>
  conflict(`Coupon ${code} has been redeemed as many times as it may be`, 'COUPON_REDEMPTION_LIMIT_REACHED');

export const planNotEligible = (code: string) =>
  badInput(`Coupon ${code} does not apply to the tenant's plan`, 'COUPON_PLAN_NOT_ELIGIBLE');

export const currencyMismatch = (code: string, couponCurrency: string, planCurrency: string) =>
  badInput(
    `Coupon ${code} takes an amount in ${couponCurrency}; the tenant's plan bills in ${planCurrency}`,
    'COUPON_CURRENCY_MISMATCH',
    { couponCurrency, planCurrency },
  );

export const alreadyRedeemed = (code: string) =>
  conflict(`Coupon ${code} was already redeemed by this tenant`, 'COUPON_ALREADY_REDEEMED');

export const codeTaken = (code: string) =>
  conflict(`A coupon with the code ${code} already exists`, 'COUPON_CODE_TAKEN');

export const discountEnded = () =>
  conflict('This discount has used all its periods; there is nothing left to remove', 'DISCOUNT_ENDED');

export const invalidCoupon = (message: string) => badInput(message, 'INVALID_COUPON');
