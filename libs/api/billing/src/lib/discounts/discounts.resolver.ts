import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { inTenant } from '../tenant/in-tenant';
import { CouponRedemptions } from './coupon-redemptions';
import {
  ApplyCouponArgs,
  DiscountsArgs,
  RedeemCouponArgs,
  RemoveDiscountArgs,
  TenantDiscountsArgs,
} from './discount.args';
import { DiscountModel } from './discount.model';
import { toDiscount } from './discount-rows';

/** Tenants' discounts: redeemed by tenant admins, applied and removed by staff, read by both. */
@Resolver(() => DiscountModel)
export class DiscountsResolver {
  constructor(private readonly redemptions: CouponRedemptions) {}

  @Query(() => [DiscountModel], { description: "The tenant's discounts, in the order invoices apply them" })
  @Can('read', 'Discount')
  async discounts(@CurrentActor() actor: Actor, @Args() { includeEnded }: DiscountsArgs): Promise<DiscountModel[]> {
    return (await this.redemptions.ofTenant(inTenant(actor), includeEnded)).map(toDiscount);
  }

  @Query(() => [DiscountModel], { description: "Any tenant's discounts, for finance and platform admins" })
  @Can('readAcrossTenants', 'Discount')
  async tenantDiscounts(@Args() { tenantId, includeEnded }: TenantDiscountsArgs): Promise<DiscountModel[]> {
    return (await this.redemptions.acrossTenants(tenantId, includeEnded)).map(toDiscount);
  }

  @Mutation(() => DiscountModel, {
    description: 'Redeems a coupon code for the tenant; redeeming one it holds, active, answers that discount',
  })
  @Can('create', 'Discount')
  async redeemCoupon(@CurrentActor() actor: Actor, @Args() { code }: RedeemCouponArgs): Promise<DiscountModel> {
    return toDiscount(await this.redemptions.redeem(inTenant(actor), code));
  }

  @Mutation(() => DiscountModel, { description: 'Applies a coupon to a tenant, with the rules of a redemption' })
  @Can('apply', 'Discount')
  async applyCoupon(@CurrentActor() actor: Actor, @Args() { tenantId, code }: ApplyCouponArgs): Promise<DiscountModel> {
    return toDiscount(await this.redemptions.apply(actor, tenantId, code));
  }

  @Mutation(() => DiscountModel, {
    description: 'Removes an active discount from a tenant: invoices drafted from now on no longer get it',
  })
  @Can('delete', 'Discount')
  async removeDiscount(
    @CurrentActor() actor: Actor,
    @Args() { tenantId, id, reason }: RemoveDiscountArgs,
  ): Promise<DiscountModel> {
    return toDiscount(await this.redemptions.remove(actor, tenantId, id, reason));
  }
}
