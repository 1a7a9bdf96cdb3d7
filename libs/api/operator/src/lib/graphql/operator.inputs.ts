import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { StaffRole, TenantStatus } from './operator-enums';
import { PageArgs } from '@warbler/api/core';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A page is one query; the cap keeps any single request cheap. */
export const MAX_TENANT_PAGE = 100;

@InputType()
export class OperatorTenantFilter {
  @Field(() => ID, { nullable: true, description: 'Tenants on any version of this plan' })
  @IsOptional()
  @IsUUID()
  planId?: string | null;

  @Field(() => TenantStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TenantStatus)
  status?: TenantStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only past-due subscriptions; false: none of them' })
  @IsOptional()
  @IsBoolean()
  pastDue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only tenants over a quota this period; false: none' })
  @IsOptional()
  @IsBoolean()
  overQuota?: boolean | null;
}

@ArgsType()
export class OperatorTenantsArgs extends PageArgs({ defaultSize: 25, maxSize: MAX_TENANT_PAGE }) {
  @Field(() => String, {
    nullable: true,
    description: "Part of the name, slug or an owner's e-mail (any case), or a whole Stripe customer id",
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  search?: string | null;

  @Field(() => OperatorTenantFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OperatorTenantFilter)
  filter?: OperatorTenantFilter | null;
}

@ArgsType()
export class OperatorTenantArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@InputType()
export class TenantStandingInput {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;

  @Field({ description: "Why, for the tenant's audit log; 1 to 500 characters" })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason!: string;
}

@ArgsType()
export class TenantStandingArgs {
  @Field(() => TenantStandingInput)
  @ValidateNested()
  @Type(() => TenantStandingInput)
  input!: TenantStandingInput;
}

@InputType()
export class GrantStaffRoleInput {
  @Field({ description: 'The e-mail of an existing user' })
  @Transform(trimmed)
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @Field(() => StaffRole)
  @IsEnum(StaffRole)
  role!: StaffRole;
}

@ArgsType()
export class GrantStaffRoleArgs {
  @Field(() => GrantStaffRoleInput)
  @ValidateNested()
  @Type(() => GrantStaffRoleInput)
  input!: GrantStaffRoleInput;
}

@ArgsType()
export class RevokeStaffRoleArgs {
  @Field(() => ID)
  @IsUUID()
  userId!: string;
}
