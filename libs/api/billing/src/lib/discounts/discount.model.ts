import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '@warbler/api/audit';
import { CouponDuration, CouponKind } from '@warbler/api/core';

/** Where a tenant's discount stands: it applies to the next period invoices until it ends or is removed. */
export enum DiscountStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  REMOVED = 'REMOVED',
}

registerEnumType(CouponKind, { name: 'CouponKind', description: 'PERCENTAGE of the subtotal, or a FIXED_AMOUNT' });
registerEnumType(CouponDuration, {
  name: 'CouponDuration',
  description: 'ONCE: the next period invoice; REPEATING: durationPeriods of them; FOREVER: every one',
});
registerEnumType(DiscountStatus, {
  name: 'DiscountStatus',
  description: 'ACTIVE: applies to the next period invoices; ENDED: all its periods are used; REMOVED by staff',
});

const MINOR = 'Integer minor units of `currency`, as a string';

@ObjectType('CouponPlan', { description: 'A plan a coupon is limited to' })
export class CouponPlanModel {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
}

@ObjectType('Coupon', { description: 'A discount the platform offers, kept by finance and platform admins' })
export class CouponModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'Upper case; redeemed in any case' }) code!: string;
  @Field() name!: string;
  @Field(() => CouponKind) kind!: CouponKind;
  @Field(() => String, { nullable: true, description: 'PERCENTAGE: decimal text, above 0 and at most 100' })
  percentOff!: string | null;
  @Field(() => String, { nullable: true, description: `FIXED_AMOUNT: ${MINOR}` }) amountOffMinor!: string | null;
  @Field(() => String, { nullable: true, description: 'FIXED_AMOUNT: ISO 4217' }) currency!: string | null;
  @Field(() => CouponDuration) duration!: CouponDuration;
  @Field(() => Int, { nullable: true, description: 'REPEATING: the number of period invoices' })
  durationPeriods!: number | null;
  @Field(() => [CouponPlanModel], { description: 'The plans it is limited to; none: any plan' })
  plans!: CouponPlanModel[];
  @Field(() => Int, { nullable: true, description: 'Redemptions allowed across all tenants; null: no limit' })
  maxRedemptions!: number | null;
  @Field(() => Int) timesRedeemed!: number;
  @Field(() => Date, { nullable: true, description: 'No redemption at or after this instant' })
  redeemBy!: Date | null;
  @Field(() => Date, { nullable: true }) archivedAt!: Date | null;
  @Field() createdAt!: Date;
}

@ObjectType()
export class CouponEdge {
  @Field() cursor!: string;
  @Field(() => CouponModel) node!: CouponModel;
}

@ObjectType()
export class CouponConnection {
  @Field(() => [CouponEdge]) edges!: CouponEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('Discount', { description: 'A coupon redeemed by a tenant, or applied to it by staff' })
export class DiscountModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) couponId!: string;
  @Field() couponCode!: string;
  @Field() couponName!: string;
  @Field(() => CouponKind) kind!: CouponKind;
  @Field(() => String, { nullable: true }) percentOff!: string | null;
  @Field(() => String, { nullable: true, description: MINOR }) amountOffMinor!: string | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => CouponDuration) duration!: CouponDuration;
  @Field(() => Int, { nullable: true }) durationPeriods!: number | null;
  @Field(() => [CouponPlanModel], { description: 'It applies only while the tenant is on one of these; none: any' })
  eligiblePlans!: CouponPlanModel[];
  @Field(() => DiscountStatus) status!: DiscountStatus;
  @Field(() => Int, { description: 'Period invoices it was applied to' }) periodsUsed!: number;
  @Field(() => Int, { nullable: true, description: 'Period invoices it still applies to; null: forever' })
  periodsLeft!: number | null;
  @Field() redeemedAt!: Date;
  @Field({ description: 'True when finance or a platform admin applied it' }) appliedByStaff!: boolean;
  @Field(() => Date, { nullable: true }) removedAt!: Date | null;
  @Field(() => String, { nullable: true }) removalReason!: string | null;
}
