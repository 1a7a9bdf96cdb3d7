import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CouponDuration, CouponKind, PageArgs } from '@warbler/api/core';

/** Coupons a page lists at most. */
export const MAX_COUPON_PAGE = 100;
/** Plans one coupon may be limited to. */
export const MAX_COUPON_PLANS = 50;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upperCased = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

@InputType()
export class CreateCouponInput {
  @Field({ description: '3 to 40 letters, digits, "-" or "_", starting with a letter or digit; stored upper case' })
  @Transform(upperCased)
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{2,39}$/, {
    message: 'code must be 3 to 40 letters, digits, "-" or "_", starting with a letter or digit',
  })
  code!: string;

  @Field({ description: 'What the tenant sees on the invoice line; 1 to 100 characters' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @Field(() => CouponKind)
  @IsEnum(CouponKind)
  kind!: CouponKind;

  @Field(() => String, { nullable: true, description: 'PERCENTAGE: above 0, at most 100, up to 4 decimals' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  percentOff?: string | null;

  @Field(() => String, { nullable: true, description: 'FIXED_AMOUNT: whole minor units above 0, as a string' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'amountOffMinor must be a whole number of minor units above 0' })
  amountOffMinor?: string | null;

  @Field(() => String, { nullable: true, description: 'FIXED_AMOUNT: ISO 4217, e.g. "USD"' })
  @IsOptional()
  @Transform(upperCased)
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string | null;

  @Field(() => CouponDuration)
  @IsEnum(CouponDuration)
  duration!: CouponDuration;

  @Field(() => Int, { nullable: true, description: 'REPEATING: 1 to 120 period invoices' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  durationPeriods?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Limit it to these plans (every version of each); none: any plan' })
  @IsOptional()
  @ArrayMaxSize(MAX_COUPON_PLANS)
  @IsUUID('all', { each: true })
  planIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Redemptions allowed across all tenants; none: no limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  maxRedemptions?: number | null;

  @Field(() => Date, { nullable: true, description: 'The coupon expires at this instant; it must be in the future' })
  @IsOptional()
  @IsDate()
  @Type(() => Date)
  redeemBy?: Date | null;
}

@ArgsType()
export class CreateCouponArgs {
  @Field(() => CreateCouponInput)
  @ValidateNested()
  @Type(() => CreateCouponInput)
  input!: CreateCouponInput;
}

@ArgsType()
export class CouponPageArgs extends PageArgs({ defaultSize: 20, maxSize: MAX_COUPON_PAGE }) {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Archived coupons too' })
  @IsBoolean()
  includeArchived = false;
}

@ArgsType()
export class CouponIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class RedeemCouponArgs {
  @Field({ description: 'The coupon code, in any case' })
  @Transform(upperCased)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  code!: string;
}

@ArgsType()
export class ApplyCouponArgs extends RedeemCouponArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;
}

@ArgsType()
export class RemoveDiscountArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;

  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ description: 'Why, for the tenant and the auditors; 1 to 500 characters' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

@ArgsType()
export class DiscountsArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Ended and removed discounts too' })
  @IsBoolean()
  includeEnded = false;
}

@ArgsType()
export class TenantDiscountsArgs extends DiscountsArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;
}
