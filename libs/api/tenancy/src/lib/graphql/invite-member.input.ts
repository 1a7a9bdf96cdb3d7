import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsOptional, MaxLength } from 'class-validator';
import { TenantRole } from '@warbler/api/identity';

/** RFC 5321 caps an address at 254 characters. */
const EMAIL_MAX_LENGTH = 254;

@InputType()
export class InviteMemberInput {
  @Field()
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @Field(() => TenantRole)
  @IsEnum(TenantRole)
  role!: TenantRole;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  assignSeat?: boolean | null = false;
}
