import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsString, IsUUID, MaxLength } from 'class-validator';
import { TenantRole } from '@warbler/api/identity';

@ArgsType()
export class MemberIdArgs {
  @Field(() => ID)
  @IsUUID()
  memberId!: string;
}

@ArgsType()
export class ChangeMemberRoleArgs extends MemberIdArgs {
  @Field(() => TenantRole)
  @IsEnum(TenantRole)
  role!: TenantRole;
}

@ArgsType()
export class InvitationIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class InvitationTokenArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  token!: string;
}
