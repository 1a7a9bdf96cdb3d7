import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

const MINOR = 'Whole minor units of the currency, as a string';

@ObjectType('TenantBillingTerms', {
  description: "A tenant's minimum commitment and spending limits (finance), alert and cap (the tenant)",
})
export class TenantBillingTermsModel {
  @Field(() => ID) tenantId!: string;
  @Field() tenantName!: string;
  @Field({ description: 'The currency the subscription bills in: every amount is in it' }) currency!: string;
  @Field(() => String, {
    nullable: true,
    description: `The least a period is billed, before discounts and tax. ${MINOR}`,
  })
  minimumCommitmentMinor!: string | null;
  @Field(() => String, { nullable: true, description: `The highest hard cap the tenant may set (null: any). ${MINOR}` })
  maxSpendingCapMinor!: string | null;
  @Field({ description: 'The tenant must keep a hard cap' }) spendingCapRequired!: boolean;
  @Field(() => String, { nullable: true, description: MINOR }) spendingAlertMinor!: string | null;
  @Field(() => String, { nullable: true, description: MINOR }) spendingCapMinor!: string | null;
}

@ObjectType('Spending', { description: "The current period's spend against the tenant's alert and cap" })
export class SpendingModel {
  @Field() currency!: string;
  @Field() periodStart!: Date;
  @Field({ description: 'When the spend resets: the period end' }) periodEnd!: Date;
  @Field({
    description: `Usage charges so far, priced on the plan version, before commitment, discounts and tax. ${MINOR}`,
  })
  spentMinor!: string;
  @Field(() => String, { nullable: true, description: MINOR }) alertMinor!: string | null;
  @Field({ description: 'The alert went out this period' }) alertSent!: boolean;
  @Field(() => String, { nullable: true, description: `Usage that would pass it is refused. ${MINOR}` })
  capMinor!: string | null;
  @Field(() => String, { nullable: true, description: `The highest cap finance allows (null: any). ${MINOR}` })
  maxCapMinor!: string | null;
  @Field() capRequired!: boolean;
  @Field(() => String, { nullable: true, description: MINOR }) minimumCommitmentMinor!: string | null;
}

@ArgsType()
export class BillingTermsTenantArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;
}

@ArgsType()
export class SetMinimumCommitmentArgs extends BillingTermsTenantArgs {
  @Field(() => String, { nullable: true, description: `${MINOR}, above 0; null removes the commitment` })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  amountMinor?: string | null;
}

@ArgsType()
export class SetSpendingLimitsArgs extends BillingTermsTenantArgs {
  @Field(() => String, { nullable: true, description: `${MINOR}, above 0; null: the tenant may set any cap` })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  maxSpendingCapMinor?: string | null;

  @Field({ description: 'The tenant must keep a cap; one at the highest cap is set if it has none' })
  @IsBoolean()
  spendingCapRequired!: boolean;
}

@ArgsType()
export class SetSpendingControlsArgs {
  @Field(() => String, { nullable: true, description: `${MINOR}, above 0; null: no alert` })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  alertMinor?: string | null;

  @Field(() => String, { nullable: true, description: `${MINOR}; null: no cap` })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  capMinor?: string | null;
}
