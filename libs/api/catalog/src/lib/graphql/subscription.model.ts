import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PlanVersionModel } from './plan.model';

@ObjectType('TenantSubscription')
export class TenantSubscriptionModel {
  @Field(() => ID) id!: string;
  @Field() planName!: string;
  @Field() planCode!: string;
  @Field(() => PlanVersionModel) planVersion!: PlanVersionModel;
  @Field() currentPeriodStart!: Date;
  @Field() currentPeriodEnd!: Date;
  @Field(() => Date, { nullable: true }) trialEndsAt!: Date | null;
}
