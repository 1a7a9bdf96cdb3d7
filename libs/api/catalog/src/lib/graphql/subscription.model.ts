import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PlanVersionModel } from './plan.model';

/** Derived, never stored: past due wins over a running trial. */
export enum SubscriptionStatus {
  TRIALING = 'TRIALING',
  ACTIVE = 'ACTIVE',
  PAST_DUE = 'PAST_DUE',
}

registerEnumType(SubscriptionStatus, {
  name: 'SubscriptionStatus',
  description: 'PAST_DUE while an issued invoice is overdue or its payment failed; TRIALING until the trial ends',
});

/** A plan as a tenant sees it: its name, not the platform's version history. */
@ObjectType('PlanSummary')
export class PlanSummaryModel {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field({ description: 'Cancelling moves a tenant onto this plan' }) isDefault!: boolean;
}

/** A plan version a tenant may move onto: the newest published version of a plan on sale. */
@ObjectType('PlanOffer')
export class PlanOfferModel {
  @Field(() => PlanSummaryModel) plan!: PlanSummaryModel;
  @Field(() => PlanVersionModel) version!: PlanVersionModel;
  @Field({ description: "The tenant's current plan version" }) current!: boolean;
}

@ObjectType('TenantSubscription')
export class TenantSubscriptionModel {
  @Field(() => ID) id!: string;
  @Field() planName!: string;
  @Field() planCode!: string;
  @Field(() => PlanVersionModel) planVersion!: PlanVersionModel;
  @Field(() => SubscriptionStatus) status!: SubscriptionStatus;
  @Field() currentPeriodStart!: Date;
  @Field() currentPeriodEnd!: Date;
  @Field({ description: 'Periods are counted from this instant, so a 31st or 29 February anchor keeps its day' })
  billingAnchorAt!: Date;
  @Field(() => Date, { nullable: true }) trialEndsAt!: Date | null;
  @Field(() => Int, { description: 'Seats paid for: the most members that can hold a seat' }) seatQuantity!: number;
  @Field(() => Int, { description: 'Active members holding a seat' }) seatsInUse!: number;
  @Field(() => PlanSummaryModel, { nullable: true, description: 'The plan of scheduledPlanVersion' })
  scheduledPlan!: PlanSummaryModel | null;
  @Field(() => PlanVersionModel, {
    nullable: true,
    description: 'Takes effect when the current period ends (a change at period end, or the cancellation)',
  })
  scheduledPlanVersion!: PlanVersionModel | null;
  @Field({ description: 'The tenant cancelled: scheduledPlanVersion is the default plan' })
  cancelAtPeriodEnd!: boolean;
  @Field(() => Date, { nullable: true }) cancelRequestedAt!: Date | null;
  @Field(() => Date, { nullable: true }) pastDueSince!: Date | null;
}
