import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { SupportAccess, SupportSessionMode } from './support-enums';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class StartSupportSessionInput {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;

  @Field({ description: 'Why support needs to see the tenant; the tenant reads it in its audit log' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;

  @Field({ description: 'The support ticket this session works on' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  ticketReference!: string;

  @Field(() => Int, { nullable: true, description: 'Minutes, 30 unless given, at most 240' })
  @IsOptional()
  @IsInt()
  durationMinutes?: number | null;

  @Field(() => SupportSessionMode, { nullable: true, description: 'READ_ONLY unless given' })
  @IsOptional()
  @IsEnum(SupportSessionMode)
  mode?: SupportSessionMode | null;

  @Field(() => ID, { nullable: true, description: 'The member to view the tenant as; an owner unless given' })
  @IsOptional()
  @IsUUID()
  viewAsUserId?: string | null;
}

@ArgsType()
export class SupportSessionRequestsArgs {
  @Field(() => ID, { description: 'A support session of the current tenant' })
  @IsUUID()
  id!: string;
}

@ArgsType()
export class SupportSessionArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Staff name the tenant; a tenant’s owner works in their own' })
  @IsOptional()
  @IsUUID()
  tenantId?: string | null;
}

@ArgsType()
export class SupportTenantsArgs {
  @Field({ description: 'Part of the tenant’s name or slug, or its id' })
  @Transform(trimmed)
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  search!: string;
}

@ArgsType()
export class SupportTenantArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;
}

@ArgsType()
export class SetSupportAccessArgs {
  @Field(() => SupportAccess)
  @IsEnum(SupportAccess)
  access!: SupportAccess;
}

@ArgsType()
export class GrantSupportWriteArgs {
  @Field({ description: 'In the future, at most 90 days ahead' })
  @IsDate()
  until!: Date;
}
