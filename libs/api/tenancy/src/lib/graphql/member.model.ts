import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TenantRole, UserModel } from '@warbler/api/identity';
import type { MemberRecord } from '../shared/member-record';

@ObjectType('Member')
export class MemberModel {
  @Field(() => ID) id!: string;
  @Field(() => UserModel) user!: UserModel;
  @Field(() => TenantRole) role!: TenantRole;
  @Field() seatAssigned!: boolean;
  @Field() joinedAt!: Date;
}

export function toMember(member: MemberRecord): MemberModel {
  return {
    id: member.id,
    user: { id: member.user.id, email: member.user.email, displayName: member.user.displayName },
    role: member.role,
    seatAssigned: member.seatAssigned,
    joinedAt: member.createdAt,
  };
}
