import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { CouponCatalog } from './coupon-catalog';
import { CouponIdArgs, CouponPageArgs, CreateCouponArgs } from './discount.args';
import { CouponConnection, CouponModel } from './discount.model';
import { toCoupon } from './discount-rows';

/** The platform's coupons, kept by finance and platform admins. */
@Resolver(() => CouponModel)
export class CouponsResolver {
  constructor(private readonly catalog: CouponCatalog) {}

  @Query(() => CouponConnection, { description: 'Coupons, newest first; archived ones only when asked' })
  @Can('read', 'Coupon')
  coupons(@Args() args: CouponPageArgs): Promise<CouponConnection> {
    return this.catalog.list(args);
  }

  @Mutation(() => CouponModel, {
    description: 'Creates a coupon; the same request again answers the coupon it created',
  })
  @Can('create', 'Coupon')
  async createCoupon(@CurrentActor() actor: Actor, @Args() { input }: CreateCouponArgs): Promise<CouponModel> {
    return toCoupon(await this.catalog.create(actor, input));
  }

  @Mutation(() => CouponModel, {
    description: 'Archives a coupon: no new redemptions; discounts it gave keep applying',
  })
  @Can('update', 'Coupon')
  async archiveCoupon(@CurrentActor() actor: Actor, @Args() { id }: CouponIdArgs): Promise<CouponModel> {
    return toCoupon(await this.catalog.archive(actor, id));
  }
}
