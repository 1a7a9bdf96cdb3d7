import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { BillingInterval, ChargeModel, MetricAggregation, QuotaEnforcement } from './catalog-enums';

/** The same formats the database enforces, so a bad code is the user's mistake, not a 500. */
const METRIC_CODE = /^[a-z][a-z0-9_]{1,62}$/;
const PLAN_CODE = /^[a-z][a-z0-9-]{1,62}$/;
/** Decimals arrive as text and are checked precisely by the pricing rules; this only bounds their size. */
const DECIMAL_TEXT_MAX = 64;

@InputType()
export class ChargeTierInput {
  @Field() @IsString() @MaxLength(DECIMAL_TEXT_MAX) fromUnits!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(DECIMAL_TEXT_MAX) upTo?: string | null;
  @Field() @IsString() @MaxLength(DECIMAL_TEXT_MAX) unitPrice!: string;
  @Field({ defaultValue: '0' }) @IsString() @MaxLength(DECIMAL_TEXT_MAX) flatFee!: string;
}

@InputType()
export class ChargeInput {
  @Field() @IsString() @MaxLength(63) metricCode!: string;
  @Field(() => ChargeModel) @IsEnum(ChargeModel) model!: ChargeModel;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(DECIMAL_TEXT_MAX)
  unitPrice?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(DECIMAL_TEXT_MAX)
  packageSize?: string | null;
  @Field({ defaultValue: '0' }) @IsString() @MaxLength(DECIMAL_TEXT_MAX) includedUnits!: string;
  @Field(() => [ChargeTierInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChargeTierInput)
  tiers?: ChargeTierInput[] | null;
}

@InputType()
export class QuotaInput {
  @Field() @IsString() @MaxLength(63) metricCode!: string;
  @Field() @IsString() @MaxLength(DECIMAL_TEXT_MAX) periodLimit!: string;
  @Field(() => QuotaEnforcement) @IsEnum(QuotaEnforcement) enforcement!: QuotaEnforcement;
}

@InputType()
export class PlanVersionInput {
  @Field({ description: 'ISO 4217 code; every amount of the version is in it' })
  @IsString()
  @Length(3, 3)
  currency!: string;
  @Field(() => BillingInterval) @IsEnum(BillingInterval) interval!: BillingInterval;
  @Field({ description: 'Integer minor units' }) @IsString() @MaxLength(20) baseFeeMinor!: string;
  @Field() @IsString() @MaxLength(DECIMAL_TEXT_MAX) seatUnitPrice!: string;
  @Field(() => Int) @IsInt() includedSeats!: number;
  @Field(() => Int) @IsInt() maxSeats!: number;
  @Field(() => Int) @IsInt() trialDays!: number;
  @Field(() => [ChargeInput])
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChargeInput)
  charges!: ChargeInput[];
  @Field(() => [QuotaInput])
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QuotaInput)
  quotas!: QuotaInput[];
}

@InputType()
export class CreateBillableMetricInput {
  @Field()
  @Matches(METRIC_CODE, { message: 'code must be 2-63 lowercase letters, digits or _, starting with a letter' })
  code!: string;
  @Field() @IsString() @Length(1, 120) name!: string;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(1000) description!: string;
  @Field() @IsString() @Length(1, 40) unit!: string;
  @Field(() => MetricAggregation) @IsEnum(MetricAggregation) aggregation!: MetricAggregation;
  @Field(() => String, { nullable: true, description: 'Required for UNIQUE_COUNT, refused otherwise' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  property?: string | null;
}

@InputType()
export class UpdateBillableMetricInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 120) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 40) unit?: string;
}

@InputType()
export class CreatePlanInput {
  @Field()
  @Matches(PLAN_CODE, { message: 'code must be 2-63 lowercase letters, digits or -, starting with a letter' })
  code!: string;
  @Field() @IsString() @Length(1, 120) name!: string;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(1000) description!: string;
  @Field(() => PlanVersionInput) @ValidateNested() @Type(() => PlanVersionInput) terms!: PlanVersionInput;
}

@InputType()
export class UpdatePlanInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 120) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1000) description?: string;
}

@ArgsType()
export class IncludeArchivedArgs {
  @Field({ defaultValue: false }) @IsBoolean() includeArchived!: boolean;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID) @IsUUID() id!: string;
}

@ArgsType()
export class PlanIdArgs {
  @Field(() => ID) @IsUUID() planId!: string;
}

@ArgsType()
export class VersionIdArgs {
  @Field(() => ID) @IsUUID() versionId!: string;
}

@ArgsType()
export class CreateBillableMetricArgs {
  @Field(() => CreateBillableMetricInput)
  @ValidateNested()
  @Type(() => CreateBillableMetricInput)
  input!: CreateBillableMetricInput;
}

@ArgsType()
export class UpdateBillableMetricArgs extends IdArgs {
  @Field(() => UpdateBillableMetricInput)
  @ValidateNested()
  @Type(() => UpdateBillableMetricInput)
  input!: UpdateBillableMetricInput;
}

@ArgsType()
export class CreatePlanArgs {
  @Field(() => CreatePlanInput) @ValidateNested() @Type(() => CreatePlanInput) input!: CreatePlanInput;
}

@ArgsType()
export class UpdatePlanArgs extends IdArgs {
  @Field(() => UpdatePlanInput) @ValidateNested() @Type(() => UpdatePlanInput) input!: UpdatePlanInput;
}

@ArgsType()
export class UpdatePlanDraftArgs extends VersionIdArgs {
  @Field(() => PlanVersionInput) @ValidateNested() @Type(() => PlanVersionInput) terms!: PlanVersionInput;
}
